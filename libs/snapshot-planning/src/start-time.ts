/** `2024-11-09T10:11:36.978+0000` — ISO-8601 with milliseconds and a colon-less offset, in UTC. */
export function formatStartTime(epochMillis: number): string {
  if (!Number.isFinite(epochMillis)) {
    throw new RangeError(`epochMillis must be a finite number; got ${String(epochMillis)}`);
  }
  // toISOString always renders UTC with milliseconds and a trailing `Z`; it throws beyond ±8.64e15 ms.
  return `${new Date(Math.trunc(epochMillis)).toISOString().slice(0, -1)}+0000`;
}
