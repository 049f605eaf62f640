import { ApiError } from '../api-client';
import { h, notice } from '../dom';

/** An API error as the user should read it: the message and every field it names. */
export function errorNotice(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return notice('alert', message, issues.length ? h('ul', {}, ...issues.map((issue) => h('li', {}, `${issue.path}: ${issue.message}`))) : undefined);
}
