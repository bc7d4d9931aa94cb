/**
 * The lab's IndexedDB schema. One database per lab; every table of the simulated backend
 * lives here so a run's effects can be compared table by table.
 *
 * Keys are chosen so the write chain never scans a series: candles are keyed by
 * `[series_id+candle_time]`, so `existing_closed_times` and `delete_closed_times` are
 * point lookups on the batch's own keys.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CandleRow } from '../../domain/candle';
import type { FactorEventRow } from '../../domain/factorEvent';
import type { OverlayVersionRow } from '../../domain/overlayInstruction';
import type { FactorSeriesState, OverlaySeriesState } from '../../ports';

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface DebugEventRow {
  seq?: number;
  ts_ms: number;
  source: string;
  pipe: 'read' | 'write';
  event: string;
  series_id: string | null;
  level: 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown>;
}

export class LabDatabase extends Dexie {
  candles!: Table<CandleRow, [string, number]>;
  factor_events!: EntityTable<FactorEventRow, 'id'>;
  factor_series_state!: Table<FactorSeriesState, string>;
  overlay_versions!: EntityTable<OverlayVersionRow, 'version_id'>;
  overlay_series_state!: Table<OverlaySeriesState, string>;
  debug_events!: EntityTable<DebugEventRow, 'seq'>;
  meta!: Table<MetaRow, string>;

  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    this.version(1).stores({
      candles: '[series_id+candle_time]',
      factor_events: '++id, [series_id+visible_time], [series_id+kind+candle_time]',
      factor_series_state: 'series_id',
      overlay_versions: '++version_id, [series_id+version_id], [series_id+instruction_id], [series_id+visible_time]',
      overlay_series_state: 'series_id',
      debug_events: '++seq',
      meta: 'key',
    });
  }
}

/** The tables that hold the simulated backend's data (not the lab's own bookkeeping). */
export const LEDGER_TABLES = [
  'candles',
  'factor_events',
  'factor_series_state',
  'overlay_versions',
  'overlay_series_state',
] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];
