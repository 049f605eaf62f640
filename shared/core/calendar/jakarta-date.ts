/** Today's date in Asia/Jakarta (UTC+7, no daylight saving), where budget deadlines and due dates fall. */
export function jakartaDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
