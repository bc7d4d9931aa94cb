/**
 * The run history, kept in the lab's own IndexedDB database (the backend's `meta` table,
 * under `ui.*` keys) so it survives a reload: the records in one row, each run's
 * before-snapshot in its own row (snapshots are large and read only on "step back").
 */
import type { LabBackend, LabSnapshot } from '../../core';
import type { RunRecord } from './runRecord';

const RUNS_KEY = 'ui.runs';
const snapshotKey = (id: number) => `ui.run_snapshot.${id}`;
/** Older runs are dropped (with their snapshots) beyond this many. */
export const MAX_RUNS = 30;

export class RunHistory {
  runs = $state.raw<RunRecord[]>([]);
  /** The run the run view shows; null means the latest. */
  selectedId = $state<number | null>(null);

  selected = $derived(this.runs.find((r) => r.id === this.selectedId) ?? this.runs[this.runs.length - 1] ?? null);
  /** The latest ingest: the chart marks its candles as new / overwrote / rolled back. */
  lastIngest = $derived([...this.runs].reverse().find((r) => r.kind === 'ingest') ?? null);

  constructor(private readonly backend: () => LabBackend) {}

  async load(): Promise<void> {
    const row = await this.backend().db.meta.get(RUNS_KEY);
    this.runs = Array.isArray(row?.value) ? (row.value as RunRecord[]) : [];
    if (this.selectedId !== null && !this.runs.some((r) => r.id === this.selectedId)) this.selectedId = null;
  }

  nextId(): number {
    return (this.runs[this.runs.length - 1]?.id ?? 0) + 1;
  }

  async add(record: RunRecord, before: LabSnapshot): Promise<void> {
    const runs = [...this.runs, record];
    const dropped = runs.splice(0, Math.max(0, runs.length - MAX_RUNS));
    const meta = this.backend().db.meta;
    await meta.put({ key: snapshotKey(record.id), value: before });
    await meta.put({ key: RUNS_KEY, value: runs });
    if (dropped.length > 0) await meta.bulkDelete(dropped.map((r) => snapshotKey(r.id)));
    this.runs = runs;
    this.selectedId = null;
  }

  async snapshotBefore(id: number): Promise<LabSnapshot | null> {
    const row = await this.backend().db.meta.get(snapshotKey(id));
    return (row?.value as LabSnapshot | undefined) ?? null;
  }

  /** Forgets this run and every later one (after stepping back to before it). */
  async truncateFrom(id: number): Promise<void> {
    const keep = this.runs.filter((r) => r.id < id);
    const gone = this.runs.filter((r) => r.id >= id);
    const meta = this.backend().db.meta;
    await meta.put({ key: RUNS_KEY, value: keep });
    await meta.bulkDelete(gone.map((r) => snapshotKey(r.id)));
    this.runs = keep;
    this.selectedId = null;
  }

  /** After the lab's tables were wiped (reset): nothing to remember. */
  forget(): void {
    this.runs = [];
    this.selectedId = null;
  }
}
