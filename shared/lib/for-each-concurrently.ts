/**
 * Runs `work` for each item of a sequence with at most `limit` in flight, reading the sequence in
 * order (e.g. pages that must be read one after the other but can be worked on side by side, or
 * batches of a list). The first failure stops reading; the work under way finishes, then it is thrown.
 */
export async function forEachConcurrently<T>(items: Iterable<T> | AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    if (failure) break;
    const task: Promise<void> = work(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
