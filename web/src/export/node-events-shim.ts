/**
 * The part of `node:events` that shared/documents/spreadsheets/writable-output.ts uses, for the browser
 * bundle (web/build.ts aliases the module here): wait for one event of an emitter.
 */
export function once(emitter: { once(event: string, listener: (...args: unknown[]) => void): unknown }, event: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}
