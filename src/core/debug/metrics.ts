/**
 * Counters as the backend exports them to its metrics system, e.g.
 * `market_ingest_pipeline_errors_total{step="factor.ingest_closed"}`. In memory: like a
 * process's counters they start from zero when the service restarts.
 */
export type Labels = Record<string, string>;

export class Metrics {
  private readonly counters = new Map<string, number>();

  inc(name: string, labels: Labels = {}, by = 1): void {
    const key = metricKey(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  get(name: string, labels: Labels = {}): number {
    return this.counters.get(metricKey(name, labels)) ?? 0;
  }

  /** Every counter as `name{label="value"}` → count, sorted by key. */
  list(): [string, number][] {
    return [...this.counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }
}

export function metricKey(name: string, labels: Labels): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}
