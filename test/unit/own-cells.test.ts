import { describe, expect, it } from 'vitest';
import { rejectionReport, withOwnCells } from '../../shared/documents/rejection-report';

/** A row fixed in the console goes back with the office's own cells, so its next report still has RT/RW. */
describe('withOwnCells', () => {
  const columns = ['No', 'NIK', 'Nama', 'Tgl Lahir', 'RT/RW', 'Segmen'];
  const original = { cells: ['7', '367401500190000', 'Siti', '1980-02-01', '003/004', 'KETUA_RT'], dateCells: [3] };

  it('puts the fixed values in their columns and keeps the other cells and dates as written', () => {
    const fixed = withOwnCells({ row: 8, values: { nik: '3674015001900001', name: 'Siti', birthDate: '1980-02-01', segment: 'KETUA_RT' } }, columns, original);
    expect(fixed.cells).toEqual(['7', '3674015001900001', 'Siti', '1980-02-01', '003/004', 'KETUA_RT']);
    expect(fixed.dateCells).toEqual([3]);
    // Rejected again, the report has the office's columns and its RT/RW.
    const report = rejectionReport(columns);
    expect(report.row({ row: 8, values: fixed.values, cells: fixed.cells, dateCells: fixed.dateCells, problems: [] }).slice(0, 6)).toEqual(['7', '3674015001900001', 'Siti', { date: '1980-02-01' }, '003/004', 'KETUA_RT']);
  });

  it('drops the date mark of a date cell the fix changed, and leaves a row without kept cells as it is', () => {
    const fixed = withOwnCells({ row: 8, values: { nik: '3674015001900001', birthDate: '01/02/1980' } }, columns, original);
    expect(fixed.cells?.[3]).toBe('01/02/1980');
    expect(fixed.dateCells).toBeUndefined();
    const bare = { row: 8, values: { nik: '3674015001900001' } };
    expect(withOwnCells(bare, columns, {})).toBe(bare);
  });
});
