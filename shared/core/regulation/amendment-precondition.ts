import { PreconditionFailedError, PreconditionRequiredError } from '../errors';
import type { Regulation } from './regulation';
import { versionEtag } from './version-etag';

/**
 * What the client says it based its document on: `ifMatch` the versions it read (`any` for
 * `If-Match: *`), `ifNoneMatch` that it means to create (`If-None-Match: *`).
 */
export interface VersionPrecondition {
  readonly ifMatch?: 'any' | readonly number[];
  readonly ifNoneMatch?: '*';
}

/**
 * A change that would replace the current version must name the version it was made from, so
 * an admin editing an old copy cannot silently undo someone else's amendment. Called only for
 * a document that changes something: re-applying what is already current is harmless whatever
 * the client read (RFC 9110 §13.1.1 allows a 2xx when the change is already reflected).
 */
export function requireAmendmentPrecondition(id: string, current: Regulation | undefined, precondition: VersionPrecondition): void {
  const { ifMatch, ifNoneMatch } = precondition;
  if (!current) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError(
        `Regulation ${id} does not exist, so If-Match names no version of it. To create it, send the PUT without If-Match (or with If-None-Match: *).`,
        { currentVersion: null },
      );
    }
    return;
  }
  const etag = versionEtag(current.version);
  const details = { currentVersion: current.version, etag };
  if (ifNoneMatch === '*') {
    throw new PreconditionFailedError(
      `Regulation ${id} already exists (version ${current.version}), and If-None-Match: * only creates. ` +
        `To amend it, read it with GET /regulations/${id} and send your change with If-Match: ${etag}.`,
      details,
    );
  }
  if (ifMatch === undefined) {
    throw new PreconditionRequiredError(
      `Amending regulation ${id} needs the version your change is based on: send If-Match with the ETag that ` +
        `GET /regulations/${id} answered when you read it (the current version is ${current.version}, If-Match: ${etag}).`,
    );
  }
  if (ifMatch !== 'any' && !ifMatch.includes(current.version)) {
    const read = ifMatch.length ? `version ${ifMatch.join(' or ')}` : 'no version of it';
    throw new PreconditionFailedError(
      `Regulation ${id} is at version ${current.version}, but your change is based on ${read}: someone else amended it since. ` +
        `Read it again (GET /regulations/${id}), make your change on version ${current.version} and send it with If-Match: ${etag}.`,
      details,
    );
  }
}
