import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { ROSTER_HEADER } from '../../scripts/lib/synthetic-roster';
import { personRow, tangselNik } from '../support/roster-files';
import { repeatedPart, SHEET_END, SHEET_START, streamedPart, writeWorkbookWithSheet } from '../spreadsheets/bomb-files';
import { makeXlsx } from '../spreadsheets/helpers';

/**
 * The hostile and broken inputs of issue #12, generated into a scratch folder: roster files as
 * offices (and attackers) really send them, and API requests with bad bodies, headers and
 * tokens. Each case says what must happen; test/bad-inputs/bad-inputs.test.ts runs them all
 * against the local stack and checks that nothing stored changed.
 */

/** A roster file: refused before anything is stored (`refused`), or imported with every row rejected. */
export type FileCase =
  | { kind: 'file'; name: string; make: (dir: string) => Promise<string> | string; refused: RegExp }
  | { kind: 'file'; name: string; make: (dir: string) => Promise<string> | string; rejected: { rows: number; reason: RegExp; firstRow: number } };

/** An API request and the status and problem it must get. */
export interface RequestCase {
  kind: 'request';
  name: string;
  method: string;
  path: string;
  /** `other-finance`: a finance officer other than the one who decided the fixture's proposal. */
  role?: 'admin' | 'finance' | 'other-finance' | 'auditor';
  /** A raw Authorization header instead of the role's token. */
  authorization?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  /** What the answer must name: the field, the row or the limit. */
  names: RegExp;
}

export type BadInput = FileCase | RequestCase;

/** The fixture every request case aims at: a regulation with an enrolled cohort to protect. */
export interface Fixture {
  regulationId: string;
  proposalId: string;
  runId: string;
  /** The regulation's ETag, and a real amendment of it (a new title). */
  etag: string;
  amended: object;
}

const MB = 1024 * 1024;
const HEADER = ROSTER_HEADER.join(';');

function csv(dir: string, name: string, lines: readonly string[] | string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.isBuffer(lines) || typeof lines === 'string' ? lines : lines.join('\r\n'));
  return file;
}

/** A row that parses but is not eligible: a NIK of another shape, so nothing reaches the roster. */
function rowWithNik(nik: string, serial: number): string {
  return personRow(nik, `Warga ${serial}`, '1980-01-01', 'L', 'KETUA_RT').join(';');
}

function rows(count: number, nik: (i: number) => string): string[] {
  return [HEADER, ...Array.from({ length: count }, (_, i) => rowWithNik(nik(i), i))];
}

export function fileCases(): FileCase[] {
  return [
    { kind: 'file', name: 'NIK column turned into 3.67401E+15 by Excel', make: (d) => csv(d, 'scientific.csv', rows(60, () => '3.67401E+15')), rejected: { rows: 60, reason: /NIK_EXCEL_SCIENTIFIC/, firstRow: 2 } },
    { kind: 'file', name: 'empty NIK column', make: (d) => csv(d, 'empty-nik.csv', rows(40, () => '')), rejected: { rows: 40, reason: /NIK_MISSING/, firstRow: 2 } },
    { kind: 'file', name: 'NIK of 15 digits', make: (d) => csv(d, 'short-nik.csv', rows(5, (i) => `36740110019000${i}`)), rejected: { rows: 5, reason: /NIK/, firstRow: 2 } },
    { kind: 'file', name: 'NIK with letters', make: (d) => csv(d, 'letters-nik.csv', rows(5, (i) => `3674O11001900${String(i).padStart(3, '0')}`)), rejected: { rows: 5, reason: /NIK/, firstRow: 2 } },
    { kind: 'file', name: 'NIK whose birth date part is not a date', make: (d) => csv(d, 'nik-date.csv', rows(5, (i) => `3674019913990${String(i).padStart(3, '0')}`)), rejected: { rows: 5, reason: /NIK/, firstRow: 2 } },
    {
      kind: 'file',
      name: 'birth date in the future',
      make: (d) => csv(d, 'future.csv', [HEADER, personRow(tangselNik('2031-05-05', 'L', 7001).replace(/^367401/, '367404'), 'Belum Lahir', '2031-05-05', 'L', 'KETUA_RT').join(';')]),
      rejected: { rows: 1, reason: /BIRTH|AGE|DATE/i, firstRow: 2 },
    },
    {
      kind: 'file',
      name: 'segment the regulation does not have',
      make: (d) => csv(d, 'segment.csv', [HEADER, personRow(tangselNik('1980-02-02', 'L', 7002).replace(/^367401/, '367404'), 'Tukang Parkir', '1980-02-02', 'L', 'JURU_PARKIR').join(';')]),
      rejected: { rows: 1, reason: /SEGMENT/i, firstRow: 2 },
    },
    {
      kind: 'file',
      name: 'a title block above the header: read from the header on, rows numbered as in the file',
      make: (d) => csv(d, 'title.csv', ['DAFTAR KETUA RT PENERIMA BANTUAN IURAN', 'Kecamatan Pondok Aren;;;', '', ...rows(3, () => '')]),
      rejected: { rows: 3, reason: /NIK_MISSING/, firstRow: 5 },
    },
    {
      kind: 'file',
      name: 'no header row in the first 15 rows',
      make: (d) => csv(d, 'deep-title.csv', [...Array.from({ length: 15 }, (_, i) => `Judul ${i + 1};;;`), ...rows(3, () => '')]),
      refused: /first 15 rows/,
    },
    {
      kind: 'file',
      name: 'formula cells (=1+1, =HYPERLINK) in a roster',
      make: (d) => csv(d, 'formula.csv', [HEADER, ['=1+1', '"=HYPERLINK(""http://contoh.test"",""klik"")"', '01/01/1980', 'L', '', '', '', '', 'KETUA_RT'].join(';')]),
      rejected: { rows: 1, reason: /NIK/, firstRow: 2 },
    },
    { kind: 'file', name: 'a quote inside an unquoted cell', make: (d) => csv(d, 'stray-quote.csv', [HEADER, '3674011001800001;Budi "Bos";01/01/1980']), refused: /Row 2/ },
    {
      kind: 'file',
      name: 'merged cells in an xlsx (only the first cell holds the value)',
      make: (d) =>
        makeXlsx(path.join(d, 'merged.xlsx'), {
          parts: { 'xl/worksheets/sheet1.xml':
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
            `<row r="1">${ROSTER_HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>` +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Warga Gabungan</t></is></c></row>' +
            '</sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>' },
        }),
      rejected: { rows: 1, reason: /NIK/, firstRow: 2 },
    },
    { kind: 'file', name: 'empty file', make: (d) => csv(d, 'empty.csv', ''), refused: /empty/i },
    { kind: 'file', name: 'header only', make: (d) => csv(d, 'header-only.csv', [HEADER, '']), refused: /no rows/i },
    { kind: 'file', name: 'no NIK column', make: (d) => csv(d, 'no-nik.csv', ['Nama;Alamat', 'Budi;Jl. A']), refused: /NIK/ },
    { kind: 'file', name: 'duplicate header columns', make: (d) => csv(d, 'dup-header.csv', ['NIK;Nama;NIK;Tanggal Lahir', '3674011001800001;Budi;3674011001800002;01/01/1980']), refused: /NIK/ },
    { kind: 'file', name: 'a PNG named .csv', make: (d) => csv(d, 'picture.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])), refused: /type|PNG|image/i },
    { kind: 'file', name: 'an old .xls (OLE2)', make: (d) => csv(d, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])), refused: /xls/i },
    { kind: 'file', name: 'an HTML page saved as .xls', make: (d) => csv(d, 'report.xls', '<html><body><table><tr><td>NIK</td></tr></table></body></html>'), refused: /HTML|xls/i },
    {
      kind: 'file',
      name: 'UTF-16 text (Excel "Unicode Text")',
      make: (d) => csv(d, 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n3674011001800001;Budi\r\n`, 'utf16le')])),
      refused: /UTF-8/,
    },
    {
      kind: 'file',
      name: 'Latin-1 bytes in a CSV',
      make: (d) => csv(d, 'latin1.csv', Buffer.concat([Buffer.from(`${HEADER}\r\n3674011001800001;Jos`), Buffer.from([0xe9]), Buffer.from('\r\n')])),
      refused: /UTF-8.*row 2|row 2.*UTF-8/is,
    },
    { kind: 'file', name: 'a quote that is never closed', make: (d) => csv(d, 'quote.csv', [HEADER, '3674011001800001;"Budi;01/01/1980', '3674011001800002;Ani;01/01/1980']), refused: /row 2|quote/i },
    {
      kind: 'file',
      name: 'a 300 MB file',
      make: (d) => {
        const file = path.join(d, 'huge.csv');
        const fd = openSync(file, 'w');
        ftruncateSync(fd, 300 * MB);
        closeSync(fd);
        return file;
      },
      refused: /256 MB|split/i,
    },
    {
      kind: 'file',
      name: 'a truncated .xlsx',
      make: (d) => {
        const whole = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'.repeat(200)) });
        return csv(d, 'truncated.xlsx', Buffer.from(whole.subarray(0, Math.floor(whole.length / 2))));
      },
      refused: /damaged|ZIP|xlsx/i,
    },
    {
      kind: 'file',
      name: 'a Word document renamed .xlsx',
      make: (d) => csv(d, 'letter.xlsx', Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }))),
      refused: /Word/i,
    },
    {
      kind: 'file',
      name: 'a zip bomb: 1.1 MB inflating past the limit',
      make: (d) => {
        const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
        return writeWorkbookWithSheet(path.join(d, 'bomb.xlsx'), repeatedPart(SHEET_START, row.repeat(Math.floor(MB / row.length)), 1200, SHEET_END));
      },
      refused: /limit|inflate|GB|ratio/i,
    },
    {
      kind: 'file',
      name: '1.87 million identical rows in a small .xlsx',
      make: async (d) => {
        let next = 1;
        const count = 1_870_000;
        const sheet = await streamedPart(() => {
          if (next > count) return next++ === count + 1 ? SHEET_END : undefined;
          const pieces: string[] = next === 1 ? [SHEET_START] : [];
          for (const end = Math.min(count, next + 9_999); next <= end; next++) pieces.push(`<row r="${next}"><c r="A${next}" t="inlineStr"><is><t>3.67401E+15</t></is></c></row>`);
          return pieces.join('');
        });
        return writeWorkbookWithSheet(path.join(d, 'rows.xlsx'), sheet);
      },
      refused: /1,048,576|1\.048\.576|rows/i,
    },
    {
      kind: 'file',
      name: 'one cell of 100,000 characters',
      make: (d) => makeXlsx(path.join(d, 'cell.xlsx'), { sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(100_000)}</t></is></c></row>` }),
      refused: /32,767|32\.767|characters|cell/i,
    },
    {
      kind: 'file',
      name: 'entities declared in a DTD (billion laughs)',
      make: (d) =>
        makeXlsx(path.join(d, 'laughs.xlsx'), {
          parts: { 'xl/worksheets/sheet1.xml':
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>' },
        }),
      refused: /DTD|entit|damaged|xlsx/i,
    },
    { kind: 'file', name: 'a NUL byte in a CSV', make: (d) => csv(d, 'nul.csv', Buffer.concat([Buffer.from(`${HEADER}\r\n3674011001800001;Bu`), Buffer.from([0]), Buffer.from('di\r\n')])), refused: /row 2|NUL|binary|type/i },
  ];
}

export function requestCases(f: Fixture): RequestCase[] {
  const regulation = `/regulations/${f.regulationId}`;
  const bigTitle = 'x'.repeat(5 * MB);
  return [
    { kind: 'request', name: 'a 5 MB regulation title', method: 'PUT', path: regulation, role: 'admin', rawBody: JSON.stringify({ id: f.regulationId, title: bigTitle }), headers: { 'if-match': f.etag }, status: 413, names: /body|KB|MB/ },
    { kind: 'request', name: 'a title over its maximum', method: 'PUT', path: regulation, role: 'admin', body: { id: f.regulationId, title: 'x'.repeat(600) }, headers: { 'if-match': f.etag }, status: 400, names: /title/ },
    { kind: 'request', name: 'an unknown field in a proposal request', method: 'POST', path: '/proposals', role: 'admin', body: { regulationId: f.regulationId, year: 2027, cohort: 'original', clientToken: 'bad-inputs-unknown', pagu: 1 }, status: 400, names: /pagu/ },
    { kind: 'request', name: 'malformed JSON', method: 'POST', path: '/proposals', role: 'admin', rawBody: '{"regulationId": ', status: 400, names: /JSON|body/i },
    { kind: 'request', name: 'a JSON array for an object', method: 'POST', path: '/proposals', role: 'admin', rawBody: '[1,2,3]', status: 400, names: /body|object/i },
    { kind: 'request', name: 'a proposal for a year before the regulation', method: 'POST', path: '/proposals', role: 'admin', body: { regulationId: f.regulationId, year: 2015, cohort: 'original', clientToken: 'bad-inputs-2015' }, status: 400, names: /year|in force/ },
    { kind: 'request', name: 'a proposal for an unknown regulation', method: 'POST', path: '/proposals', role: 'admin', body: { regulationId: 'perwal-does-not-exist', year: 2027, cohort: 'original', clientToken: 'bad-inputs-unknown-reg' }, status: 404, names: /perwal-does-not-exist/ },
    { kind: 'request', name: 'a fractional ceiling', method: 'POST', path: `/proposals/${f.proposalId}/decision`, role: 'finance', body: { decision: 'approve-with-ceiling', ceiling: 1.5 }, status: 400, names: /ceiling/ },
    { kind: 'request', name: 'a negative ceiling', method: 'POST', path: `/proposals/${f.proposalId}/decision`, role: 'finance', body: { decision: 'approve-with-ceiling', ceiling: -5 }, status: 400, names: /ceiling/ },
    { kind: 'request', name: 'deciding an approved proposal again', method: 'POST', path: `/proposals/${f.proposalId}/decision`, role: 'finance', body: { decision: 'approve' }, status: 409, names: /approved/ },
    { kind: 'request', name: 'a rejection without a reason', method: 'POST', path: `/proposals/${f.proposalId}/decision`, role: 'finance', body: { decision: 'reject' }, status: 400, names: /reason/ },
    { kind: 'request', name: 'withdrawing after the run started', method: 'POST', path: `/proposals/${f.proposalId}/withdrawal`, role: 'other-finance', body: { reason: 'Salah hitung pagu' }, status: 409, names: /run/ },
    { kind: 'request', name: 'a life event with an invalid NIK', method: 'POST', path: '/life-events', role: 'admin', body: { nik: '12345', kind: 'death', effectiveDate: '2026-01-01' }, status: 400, names: /nik/ },
    { kind: 'request', name: 'a death in the future', method: 'POST', path: '/life-events', role: 'admin', body: { nik: '3674011001800001', kind: 'death', effectiveDate: '2099-01-01' }, status: 400, names: /effectiveDate/ },
    { kind: 'request', name: 'finance proposing (wrong role)', method: 'POST', path: '/proposals', role: 'finance', body: { regulationId: f.regulationId, year: 2027, cohort: 'original', clientToken: 'bad-inputs-role' }, status: 403, names: /Forbidden|role|admin/i },
    { kind: 'request', name: 'an auditor starting a run (wrong role)', method: 'POST', path: '/enrollment-runs', role: 'auditor', body: { proposalId: f.proposalId }, status: 403, names: /Forbidden|role|admin/i },
    { kind: 'request', name: 'no token', method: 'GET', path: '/proposals', status: 401, names: /Unauthorized/ },
    { kind: 'request', name: 'a forged token', method: 'GET', path: '/proposals', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', status: 401, names: /Unauthorized/ },
    { kind: 'request', name: 'a Basic credential', method: 'GET', path: '/proposals', authorization: 'Basic YWRtaW46YWRtaW4=', status: 401, names: /Unauthorized/ },
    { kind: 'request', name: 'an amendment without If-Match', method: 'PUT', path: regulation, role: 'admin', body: f.amended, status: 428, names: /If-Match/i },
    { kind: 'request', name: 'an amendment from an old version', method: 'PUT', path: regulation, role: 'admin', body: f.amended, headers: { 'if-match': '"v0"' }, status: 412, names: /version/ },
    { kind: 'request', name: 'a malformed list cursor', method: 'GET', path: '/proposals?cursor=not-a-cursor', role: 'auditor', status: 400, names: /cursor/ },
    { kind: 'request', name: 'a list limit over the maximum', method: 'GET', path: '/proposals?limit=100000', role: 'auditor', status: 400, names: /limit/ },
    { kind: 'request', name: 'a regulation id with forbidden characters', method: 'GET', path: '/regulations/Perwal%20%3Cscript%3E', role: 'auditor', status: 400, names: /id/ },
    { kind: 'request', name: 'an unknown proposal', method: 'GET', path: '/proposals/bp-2027-000000000000', role: 'auditor', status: 404, names: /bp-2027-000000000000/ },
    { kind: 'request', name: 'an unknown route', method: 'GET', path: '/admin/config', role: 'admin', status: 404, names: /Not Found/ },
    {
      kind: 'request',
      name: 'a Step Functions control call on the API port',
      method: 'POST',
      path: '/',
      role: 'admin',
      rawBody: '{}',
      headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
      status: 404,
      names: /Not Found/,
    },
    { kind: 'request', name: 'a repeated start of a finished run (duplicate request)', method: 'POST', path: '/enrollment-runs', role: 'admin', body: { proposalId: f.proposalId }, status: 202, names: new RegExp(f.runId) },
    { kind: 'request', name: 'a year outside any budget calendar', method: 'GET', path: `${regulation}/roster?year=1800`, role: 'auditor', status: 400, names: /year/ },
  ];
}
