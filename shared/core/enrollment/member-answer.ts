import { z } from 'zod';
import { IsoDate } from '../calendar/calendar';
import { NikText } from '../people/nik';
import { KPJ_PATTERN } from './insurer-port';

/** Where the answer stands in the branch's file: the row the office sees in Excel, for messages. */
const Row = z.number().int().positive();

/** The person is a member: the branch's KPJ, and the cover dates when the branch gave others than requested. */
export const RegisteredAnswer = z
  .strictObject({
    row: Row,
    nik: NikText,
    status: z.literal('registered'),
    kpj: z.string().regex(KPJ_PATTERN, 'must be a KPJ number of 11 digits'),
    coverageStart: IsoDate.optional(),
    coverageEnd: IsoDate.optional(),
  })
  .refine((answer) => !answer.coverageStart || !answer.coverageEnd || answer.coverageStart <= answer.coverageEnd, {
    message: 'must not end before it starts',
    path: ['coverageEnd'],
  });

/** The branch did not register the person, and (usually) says why. */
export const RefusedAnswer = z.strictObject({
  row: Row,
  nik: NikText,
  status: z.literal('refused'),
  reason: z.string().trim().min(1).max(500).optional(),
});

/**
 * The BPJS branch's answer for one person of a registration file, as a row of its member file
 * says it (shared/documents/enrollment-files/member-file.ts reads it). No public layout of that
 * file could be found: Lindung assumes one row per person, NIK → KPJ or a refusal
 * (docs/enrollment.md, "The file channel").
 */
export const MemberAnswer = z.discriminatedUnion('status', [RegisteredAnswer, RefusedAnswer]).meta({ id: 'MemberAnswer' });
export type MemberAnswer = z.infer<typeof MemberAnswer>;
