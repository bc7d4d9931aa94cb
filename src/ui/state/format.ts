/** Small display helpers shared by the panels. */

/** A candle time (unix seconds) as `2026-01-05 02:00` UTC; the raw number stays in titles. */
export function formatCandleTime(t: number | null | undefined): string {
  if (t === null || t === undefined) return '—';
  return new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Wall-clock time of an event or run, local `HH:MM:SS`. */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A short list of times: the first few, then "+N". */
export function shortTimes(times: readonly number[], max = 4): string {
  const head = times.slice(0, max).map(formatCandleTime).join(', ');
  return times.length > max ? `${head} +${times.length - max}` : head || '—';
}
