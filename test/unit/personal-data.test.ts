import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { maskNik, maskPersonalData } from '../../shared/core/people/personal-data';

describe('NIK masking', () => {
  it('keeps the region code and serial of a NIK', () => {
    expect(maskNik('3674015001900001')).toBe('3674********0001');
  });

  it('masks every 16-digit run inside text, but not longer or shorter numbers', () => {
    expect(maskPersonalData('row 7: 3674015001900001 and 3275014107850002 rejected')).toBe(
      'row 7: 3674********0001 and 3275********0002 rejected',
    );
    expect(maskPersonalData('KPJ 12345678901, amount 2606284800, id 12345678901234567')).toBe(
      'KPJ 12345678901, amount 2606284800, id 12345678901234567',
    );
  });

  it('is applied by the Powertools logger every handler uses', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    const { logger } = await import('../../shared/runtime/observability/powertools');
    // Route the logger's console to the sink to read what it would print.
    (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
    logger.info('Rejected row', { nik: '3674015001900001', detail: 'NIK 3674015001900001 is a duplicate' });
    const record = JSON.parse(lines.join(''));
    expect(record.nik).toBe('3674********0001');
    expect(record.detail).toBe('NIK 3674********0001 is a duplicate');
    expect(lines.join('')).not.toContain('3674015001900001');
  });

  it('is not a no-op: a logger without the replacer would leak the NIK', () => {
    const lines: string[] = [];
    const raw = new Logger();
    (raw as unknown as { console: Console }).console = new Console({
      stdout: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }),
    });
    raw.info('x', { nik: '3674015001900001' });
    expect(lines.join('')).toContain('3674015001900001');
  });
});
