import type { Regulation, RegulationInput } from './regulation';

/** The applied document of a stored version, without the version and provenance storing added. */
export function regulationDocument(regulation: Regulation): RegulationInput {
  const { version: _version, recordedAt: _at, recordedBy: _by, ...document } = regulation;
  return document;
}
