import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../../shared/lib/seeded-random';

/**
 * Realistic synthetic rosters for the demo, the tests and the benchmark: Indonesian names and
 * addresses, valid NIKs of the regulation's region, and a controlled share of the bad rows
 * offices really send. The same seed always gives the same file.
 */
export interface SyntheticRosterOptions {
  /** Rows per segment code, e.g. the Tangsel counts. */
  segments: Record<string, number>;
  /** 4-digit Kemendagri regency/city code for the NIKs, e.g. 3674. */
  regionCode: string;
  /** Share of rows that are bad, 0..1 (default 0.03). */
  badShare?: number;
  /**
   * Rows of the last segment that are people already listed in the first one (an RT head who is
   * also a health cadre): they stay in their own segment, so deduplication keeps one of each.
   */
  duplicatesAcrossSegments?: number;
  /** Damaged rows appended after the segments, on top of `badShare`. */
  appendBadRows?: number;
  /** Rows already generated for this region, so that a second file has other people (default 0). */
  firstSerial?: number;
  seed?: number;
  /** `;` as Indonesian-locale Excel writes, or `,`. */
  delimiter?: ';' | ',';
  /** Everyone is aged within [minAge, maxAge] on this date. */
  referenceDate?: string;
  minAge?: number;
  maxAge?: number;
}

const FIRST = ['Ahmad', 'Siti', 'Budi', 'Dewi', 'Agus', 'Sri', 'Joko', 'Nur', 'Rina', 'Hendra', 'Yuliana', 'Bambang', 'Fitri', 'Eko', 'Wahyu', 'Ratna', 'Slamet', 'Indah', 'Rudi', 'Lestari', 'Dedi', 'Ani', 'Asep', 'Euis', 'Ujang', 'Neneng'];
const LAST = ['Setiawan', 'Rahayu', 'Saputra', 'Wulandari', 'Hidayat', 'Kusuma', 'Nugroho', 'Pratama', 'Sari', 'Susanto', 'Hasanah', 'Firmansyah', 'Maulana', 'Permata', 'Gunawan', 'Suryani', 'Rohmah', 'Hakim'];
const KELURAHAN = ['Pondok Aren', 'Serpong', 'Ciputat', 'Pamulang', 'Pondok Cabe', 'Rengas', 'Bintaro', 'Jurang Mangu', 'Sawah Baru', 'Cempaka Putih'];
const KECAMATAN = ['Pondok Aren', 'Serpong', 'Ciputat', 'Pamulang', 'Ciputat Timur', 'Setu', 'Serpong Utara'];
const STREETS = ['Jl. Merpati', 'Jl. Kenanga', 'Jl. Melati', 'Jl. Cendrawasih', 'Jl. Raya Serpong', 'Gg. Masjid', 'Jl. Pinang'];

export const ROSTER_HEADER = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Kelurahan', 'Kecamatan', 'No HP', 'Segmen'];

/** Writes the roster as CSV to `file`; returns how many rows of each kind it wrote. */
export async function writeSyntheticRoster(file: string, options: SyntheticRosterOptions): Promise<{ rows: number; bad: number }> {
  const out = createWriteStream(file);
  const delimiter = options.delimiter ?? ';';
  const write = async (cells: string[]) => {
    if (!out.write(`${cells.join(delimiter)}\r\n`)) await once(out, 'drain');
  };
  await write(ROSTER_HEADER);
  let rows = 0;
  let bad = 0;
  for (const row of syntheticRows(options)) {
    await write(row.cells);
    rows += 1;
    if (row.bad) bad += 1;
  }
  out.end();
  await once(out, 'finish');
  return { rows, bad };
}

/** The rows themselves, lazily: a million rows never sit in memory. */
export function* syntheticRows(options: SyntheticRosterOptions): Generator<{ cells: string[]; bad: boolean }> {
  const random = seededRandom(options.seed ?? 20_191_122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const badShare = options.badShare ?? 0.03;
  const reference = new Date(`${options.referenceDate ?? '2027-01-01'}T00:00:00Z`);
  const minAge = options.minAge ?? 18;
  const maxAge = options.maxAge ?? 65;
  let serial = options.firstSerial ?? 0;
  let previous: string[] | undefined;
  const segmentCodes = Object.keys(options.segments);
  const lastSegment = segmentCodes.at(-1);
  const firstSegmentPeople: string[][] = [];
  const duplicates = options.duplicatesAcrossSegments ?? 0;

  for (const [segment, count] of Object.entries(options.segments)) {
    for (let i = 0; i < count; i++) {
      if (segment === lastSegment && i >= count - duplicates) {
        const person = firstSegmentPeople[i - (count - duplicates)];
        if (person) {
          yield { cells: [...person.slice(0, -1), segment], bad: true };
          continue;
        }
      }
      serial += 1;
      const female = random() < 0.5;
      const ageDays = Math.floor((minAge * 365.25 + 30) + random() * ((maxAge - minAge) * 365.25 - 60));
      const birth = new Date(reference.getTime() - ageDays * 86_400_000);
      const dd = birth.getUTCDate() + (female ? 40 : 0);
      // District and serial follow the row counter, so NIKs are unique unless made duplicate on purpose.
      const district = String(1 + (Math.floor((serial - 1) / 9999) % 99)).padStart(2, '0');
      const nik = `${options.regionCode}${district}${String(dd).padStart(2, '0')}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCFullYear() % 100).padStart(2, '0')}${String(1 + ((serial - 1) % 9999)).padStart(4, '0')}`;
      const cells = [
        nik,
        `${pick(FIRST)} ${pick(LAST)}`,
        `${String(birth.getUTCDate()).padStart(2, '0')}/${String(birth.getUTCMonth() + 1).padStart(2, '0')}/${birth.getUTCFullYear()}`,
        female ? 'P' : 'L',
        `${pick(STREETS)} No. ${1 + Math.floor(random() * 120)} RT ${String(1 + Math.floor(random() * 12)).padStart(3, '0')} RW ${String(1 + Math.floor(random() * 9)).padStart(3, '0')}`,
        pick(KELURAHAN),
        pick(KECAMATAN),
        `08${String(Math.floor(1_000_000_000 + random() * 8_999_999_999))}`,
        segment,
      ];
      if (random() < badShare && previous) {
        yield { cells: damage(cells, previous, random), bad: true };
      } else {
        yield { cells, bad: false };
        previous = cells;
        if (segment === segmentCodes[0] && firstSegmentPeople.length < duplicates) firstSegmentPeople.push(cells);
      }
    }
  }
  for (let i = 0; i < (options.appendBadRows ?? 0) && previous; i++) {
    yield { cells: damage(previous, previous, random), bad: true };
  }
}

/** The mistakes offices make, in rough proportion. */
function damage(cells: string[], previous: string[], random: () => number): string[] {
  const bad = [...cells];
  const kind = Math.floor(random() * 8);
  switch (kind) {
    case 0: // Excel turned the NIK into a number in scientific notation.
      bad[0] = `${bad[0]!.slice(0, 1)},${bad[0]!.slice(1, 6)}E+15`;
      break;
    case 1: // A digit missing.
      bad[0] = bad[0]!.slice(0, 15);
      break;
    case 2: // The same person twice in the file.
      return [...previous];
    case 3: // Name left empty.
      bad[1] = '';
      break;
    case 4: // Gender that contradicts the NIK.
      bad[3] = bad[3] === 'P' ? 'L' : 'P';
      break;
    case 5: // Too old for the segment.
      bad[0] = `${bad[0]!.slice(0, 6)}${bad[0]!.slice(6, 8)}${bad[0]!.slice(8, 10)}40${bad[0]!.slice(12)}`;
      bad[2] = `${bad[2]!.slice(0, 6)}1940`;
      break;
    case 6: // Serial 0000.
      bad[0] = `${bad[0]!.slice(0, 12)}0000`;
      break;
    default: // A region code that does not exist.
      bad[0] = `99${bad[0]!.slice(2)}`;
  }
  return bad;
}
