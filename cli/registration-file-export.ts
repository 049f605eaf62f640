import type { z } from 'zod';
import type { PeoplePage } from '../shared/api/budget-schemas';
import { fundsAnyone } from '../shared/core/budget/funded-by-allocation';
import { coveragePeriod } from '../shared/core/enrollment/run-plan';
import { NIK_BUCKETS } from '../shared/core/people/nik-bucket';
import { type RegistrationPerson, writeRegistrationFile } from '../shared/documents/enrollment-files/registration-file';
import { callApi, type GlobalOptions } from './api-client';
import { fileChannelProposal } from './file-channel-proposal';
import type { Progress } from './progress';
import { openSpreadsheetFile, spreadsheetFormat } from './spreadsheet-file';

/**
 * Writes the registration file of an approved file-channel proposal to a .csv or .xlsx: the people
 * it funds, segment by segment in priority order, a NIK bucket and a page at a time (memory stays
 * flat), with the regulation's programs and wadah code and the cover the proposal funds.
 */
export async function exportRegistrationFile(
  api: GlobalOptions,
  proposalId: string,
  file: { output: string; delimiter: string | undefined },
  progress: (total: number) => Progress,
): Promise<number> {
  // Checked before asking the API: a misnamed file is a usage error, whatever the proposal.
  spreadsheetFormat(file.output, 'berkas pendaftaran');
  const { proposal, regulation } = await fileChannelProposal(api, proposalId);
  const priority = new Map(proposal.segments.map((segment) => [segment.segment, segment.priority]));
  const segments = proposal.allocation!.filter(fundsAnyone).sort((a, b) => priority.get(a.segment)! - priority.get(b.segment)!);
  const planned = segments.reduce((sum, segment) => sum + segment.funded, 0);

  const writer = openSpreadsheetFile(file.output, 'berkas pendaftaran', 'Pendaftaran', file.delimiter);
  const bar = progress(planned);
  try {
    return await writeRegistrationFile(
      writer,
      { programs: regulation.programs, wadahCode: regulation.wadahCode, ...coveragePeriod(proposal) },
      fundedPeople(api, proposalId, segments.map((segment) => segment.segment)),
      (count) => bar.update(count),
    );
  } finally {
    bar.stop();
  }
}

async function* fundedPeople(api: GlobalOptions, proposalId: string, segments: readonly string[]): AsyncGenerator<RegistrationPerson> {
  for (const segment of segments) {
    for (let bucket = 0; bucket < NIK_BUCKETS; bucket++) {
      let after: string | undefined;
      do {
        const query = new URLSearchParams({ segment, bucket: String(bucket), ...(after ? { after } : {}) });
        const page = await callApi<z.infer<typeof PeoplePage>>(api, 'GET', `/proposals/${encodeURIComponent(proposalId)}/people?${query}`, undefined, { retry: true });
        for (const person of page.people) {
          if (person.funded) yield { nik: person.nik, name: person.name, birthDate: person.birthDate, gender: person.gender, segment };
        }
        // A segment's funded people come first in NIK order (funded-by-allocation.ts): past the first one left out, nobody is.
        after = page.people.every((person) => person.funded) ? page.after : undefined;
      } while (after);
    }
  }
}
