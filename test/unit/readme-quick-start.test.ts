import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegulationInput } from '../../shared/core/regulation/regulation';
import { checkRow } from '../../shared/core/roster/check-row';
import { fieldOfHeader, mapColumns, toRawRow } from '../../shared/documents/roster-file/roster-columns';
import type { SpreadsheetRow } from '../../shared/documents/spreadsheets/spreadsheet-row';
import { tangselRegulation } from '../support/tangsel';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The cells of each row of the first Markdown table after `heading`, the header row first. */
function tableAfter(heading: string, nth = 0): string[][] {
  const tables: string[][] = [];
  let previousWasTable = false;
  for (const line of readme.slice(readme.indexOf(heading)).split('\n')) {
    const isTable = line.startsWith('|');
    if (isTable && !previousWasTable) tables.push([]);
    if (isTable) tables.at(-1)!.push(line);
    previousWasTable = isTable;
  }
  return tables[nth]!.filter((line) => !/^\|[-:| ]+\|$/.test(line)).map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
}

describe("README's quick start", () => {
  it("states the Node.js version package.json's engines requires", () => {
    const { engines } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
    const required = /^>=(\d+)$/.exec(engines.node)![1];
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(/needs Node\.js (\d+) or newer/.exec(quickStart)?.[1]).toBe(required);
    expect(readFileSync(path.join(repoRoot, 'scripts', 'require-node-24.mjs'), 'utf8')).toContain(`major < ${required}`);
  });

  it('names roster columns the roster reader understands, under every spelling it gives', () => {
    const [, ...rows] = tableAfter('### The roster file');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [columns, , , aliases] of rows) {
      for (const title of `${columns} ${aliases}`.match(/`[^`]+`/g)!.map((quoted) => quoted.slice(1, -1))) {
        expect(fieldOfHeader(title), title).toBeDefined();
      }
    }
  });

  it("has an example whose rows import as they are, under the example regulation's segments", () => {
    const [header, ...rows] = tableAfter('### The roster file', 1);
    const row = (cells: string[], rowNumber: number): SpreadsheetRow => ({ rowNumber, cells: cells.map((text) => ({ text, kind: 'text' as const })) });
    const columns = mapColumns(row(header!, 1));
    expect(columns.ignored).toEqual([]);
    const regulation = RegulationInput.parse(tangselRegulation('perwal-readme-example'));
    expect(rows.length).toBeGreaterThan(0);
    rows.forEach((cells, index) => {
      expect(checkRow(toRawRow(row(cells, index + 2), columns)!, { regulation, coverageStart: '2027-01-01' })).toMatchObject({ ok: true });
    });
  });
});
