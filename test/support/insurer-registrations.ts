import type { Registration } from '../../shared/core/enrollment/insurer-port';

/** A valid-shaped NIK per serial: Kota Tangerang Selatan, born 1 Jan 1990. */
export function nikOf(serial: number): string {
  return `367401010190${String(serial).padStart(4, '0')}`;
}

/** Someone to register with the insurer: JKK and JKM for 2026, unless overridden. */
export function person(serial: number, overrides: Partial<Registration> = {}): Registration {
  return {
    nik: nikOf(serial),
    name: `Warga ${serial}`,
    birthDate: '1990-01-01',
    gender: 'L',
    programs: ['JKK', 'JKM'],
    coverageStart: '2026-01-01',
    coverageEnd: '2026-12-31',
    segment: 'Ketua RT',
    ...overrides,
  };
}
