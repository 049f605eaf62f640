/**
 * The part of `node:stream/promises` that shared/documents/spreadsheets/writable-output.ts uses, for the
 * browser bundle (web/build.ts aliases the module here): wait until a stream has finished.
 */
export function finished(stream: { finish(): Promise<void> }): Promise<void> {
  return stream.finish();
}
