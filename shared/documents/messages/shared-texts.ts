/**
 * The words the console and the CLI share, Indonesian → English: one catalogue, so that a role
 * or a region is called the same wherever an office reads it. Each side adds its own texts.
 */
export const SHARED_TEXTS = {
  Admin: 'Admin',
  'Keuangan (BPKAD)': 'Finance (BPKAD)',
  Auditor: 'Auditor',
  Peraturan: 'Regulations',
  Wilayah: 'Region',
  orang: 'people',
  segmen: 'segments',
  total: 'total',
} as const;
