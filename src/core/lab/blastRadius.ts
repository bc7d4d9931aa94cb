/**
 * The blast radius of one run: compares the ledger before and after, table by table
 * (rows added, changed, removed), and says what happened to candles that existed before
 * the run. This is how a learner sees "only the new candles were removed".
 */
import type { LedgerTables } from './labSnapshot';
import type { RunTrace } from './runTrace';

type TableName = keyof LedgerTables;

const ROW_KEY: { [T in TableName]: (row: LedgerTables[T][number]) => string } = {
  candles: (r) => `${r.series_id}|${r.candle_time}`,
  factor_events: (r) => String(r.id),
  factor_series_state: (r) => r.series_id,
  overlay_versions: (r) => String(r.version_id),
  overlay_series_state: (r) => r.series_id,
};

export interface TableDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface CandleVerdict {
  series_id: string;
  /** Candles of the series before the run. */
  before: number;
  /** Older candles the batch overwrote: still there, with the batch's values. */
  overwritten: number[];
  /** Older candles gone after the run: minimal compensation never does this. */
  older_removed: number[];
  /** Older candles the run did not touch at all. */
  untouched: number;
  /** Candles this run added that are still there. */
  added_kept: number[];
  /** Candles this run added and its compensation removed again. */
  rolled_back: number[];
  /** Whether every removal was of a row this run had added. */
  only_new_removed: boolean;
}

export interface BlastRadius {
  tables: Record<TableName, TableDiff>;
  candles: CandleVerdict[];
}

function diffTable<T extends TableName>(name: T, before: LedgerTables[T], after: LedgerTables[T]): TableDiff {
  const key = ROW_KEY[name] as (row: LedgerTables[T][number]) => string;
  const b = new Map(before.map((r) => [key(r), JSON.stringify(r)]));
  const a = new Map(after.map((r) => [key(r), JSON.stringify(r)]));
  const diff: TableDiff = { added: [], changed: [], removed: [] };
  for (const [k, v] of a) {
    if (!b.has(k)) diff.added.push(k);
    else if (b.get(k) !== v) diff.changed.push(k);
  }
  for (const k of b.keys()) if (!a.has(k)) diff.removed.push(k);
  return diff;
}

export function blastRadius(before: LedgerTables, after: LedgerTables, trace?: RunTrace): BlastRadius {
  const names = Object.keys(ROW_KEY) as TableName[];
  const tables = Object.fromEntries(names.map((n) => [n, diffTable(n, before[n] as never, after[n] as never)])) as Record<TableName, TableDiff>;

  const seriesIds = new Set([...before.candles, ...after.candles].map((c) => c.series_id));
  for (const w of trace?.stored ?? []) seriesIds.add(w.series_id);
  const candles: CandleVerdict[] = [];
  for (const series_id of [...seriesIds].sort()) {
    const b = new Map(before.candles.filter((c) => c.series_id === series_id).map((c) => [c.candle_time, JSON.stringify(c)]));
    const a = new Map(after.candles.filter((c) => c.series_id === series_id).map((c) => [c.candle_time, JSON.stringify(c)]));
    const written = new Set(trace?.stored.filter((w) => w.series_id === series_id).flatMap((w) => w.new_candle_times) ?? []);
    const overwritten: number[] = [];
    const older_removed: number[] = [];
    let untouched = 0;
    for (const [t, v] of b) {
      if (!a.has(t)) older_removed.push(t);
      else if (a.get(t) !== v) overwritten.push(t);
      else untouched++;
    }
    const added_kept = [...a.keys()].filter((t) => !b.has(t)).sort((x, y) => x - y);
    const rolled_back = [...written].filter((t) => !a.has(t)).sort((x, y) => x - y);
    if (b.size === 0 && a.size === 0 && written.size === 0) continue;
    candles.push({
      series_id,
      before: b.size,
      overwritten: overwritten.sort((x, y) => x - y),
      older_removed: older_removed.sort((x, y) => x - y),
      untouched,
      added_kept,
      rolled_back,
      only_new_removed: older_removed.length === 0,
    });
  }
  return { tables, candles };
}
