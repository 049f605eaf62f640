/**
 * Errors the domain raises on purpose. The HTTP layer maps each to a status code; anything
 * else is a bug and becomes a 500 without leaking its message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that does not satisfy a schema or rule. `issues` names every bad field. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super('INVALID_INPUT', message, issues);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The request conflicts with the current state, e.g. a concurrent amendment. */
export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, details);
  }
}

/** The version the client read (If-Match) is not the current one: someone else changed it since. */
export class PreconditionFailedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('PRECONDITION_FAILED', message, details);
  }
}

/** A change that could overwrite someone else's arrived without the version it was based on (If-Match). */
export class PreconditionRequiredError extends DomainError {
  constructor(message: string) {
    super('PRECONDITION_REQUIRED', message);
  }
}

/** Authenticated, but not allowed to do this (wrong role, or separation of duties). */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
