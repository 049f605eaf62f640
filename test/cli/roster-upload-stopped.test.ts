import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadRoster } from '../../cli/roster-upload';
import { personRow, rosterCsv, tangselNik } from '../support/roster-files';

/**
 * An API that opens imports but fails every chunk, as one that is down or failing would: the
 * upload must end with a way out, not leave the office with an import stuck in `receiving`.
 */
const chunkAnswer = { status: 500, body: { error: 'INTERNAL', message: 'Something went wrong on our side.' } };
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const opening = request.method === 'POST' && request.url?.endsWith('/imports');
    const { status, body } = opening ? { status: 201, body: { importId: 'imp-stopped-1', status: 'receiving' } } : chunkAnswer;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function upload() {
  const { port } = server.address() as AddressInfo;
  const file = rosterCsv([personRow(tangselNik('1980-05-17', 'L', 1), 'Ahmad', '1980-05-17', 'L', 'KETUA_RT')]);
  return uploadRoster(
    { api: `http://127.0.0.1:${port}`, token: 'unused' },
    { regulationId: 'perwal-x', file, coverageStart: '2027-01-01' },
    { phase: () => ({ update: () => undefined, stop: () => undefined }) },
  );
}

describe('an upload that stops part-way', () => {
  it('says how to resume the import when the API keeps failing a chunk', async () => {
    await expect(upload()).rejects.toThrow(/Rejected \(500\)[\s\S]*The upload of import imp-stopped-1 stopped part-way.*`--resume imp-stopped-1`/);
  }, 30_000);

  it('does not suggest resuming when the API refuses the rows themselves', async () => {
    Object.assign(chunkAnswer, { status: 409, body: { error: 'CONFLICT', message: 'Chunk 0 was already received with different rows.' } });
    await expect(upload()).rejects.toThrow(/^Rejected \(409\): Chunk 0 was already received with different rows\.$/);
  });
});
