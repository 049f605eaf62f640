/** Lambda errors reach Step Functions as a JSON cause; keep just the message for people. */
export function failureCause(error: { Error?: string; Cause?: string }): string {
  const cause = error.Cause;
  let message = cause ?? 'no details';
  if (cause) {
    try {
      message = (JSON.parse(cause) as { errorMessage?: string }).errorMessage ?? cause;
    } catch {
      // Not JSON: a cause written by a Fail state or by Step Functions itself.
    }
  }
  return `${error.Error ?? 'Error'}: ${message}`;
}
