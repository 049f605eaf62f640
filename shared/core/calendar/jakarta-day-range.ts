/**
 * Offices search the audit trail by the dates they work in (Asia/Jakarta, UTC+7 all year); the
 * trail stores UTC instants. A range of Jakarta days as ISO instants: from the first day's
 * midnight to just before the midnight after the last day.
 */
export function jakartaDayRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  return {
    ...(from ? { from: new Date(`${from}T00:00:00+07:00`).toISOString() } : {}),
    ...(to ? { to: new Date(Date.parse(`${to}T00:00:00+07:00`) + 24 * 60 * 60 * 1000 - 1).toISOString() } : {}),
  };
}
