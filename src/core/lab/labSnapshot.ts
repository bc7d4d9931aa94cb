/**
 * An exact snapshot of the lab: every ledger table row for row, plus the service's env,
 * status, publish mode and armed faults. Used for step back, reset, what-if runs, the
 * blast-radius check and share links. (The debug log is history, not state: not included.)
 */
import type { CandleRow } from '../domain/candle';
import type { FactorEventRow } from '../domain/factorEvent';
import type { OverlayVersionRow } from '../domain/overlayInstruction';
import type { ArmedFault } from '../faults/faultInjector';
import type { Env } from '../flags/runtimeFlags';
import type { PublishMode } from '../pipeline/candleHub';
import type { FactorSeriesState, OverlaySeriesState } from '../ports';
import type { LabDatabase } from '../storage/dexie/labDatabase';

export const LAB_SNAPSHOT_VERSION = 1;

export interface LedgerTables {
  candles: CandleRow[];
  factor_events: FactorEventRow[];
  factor_series_state: FactorSeriesState[];
  overlay_versions: OverlayVersionRow[];
  overlay_series_state: OverlaySeriesState[];
}

export interface LabSnapshot {
  version: typeof LAB_SNAPSHOT_VERSION;
  tables: LedgerTables;
  env: Env;
  status: 'running' | 'crashed';
  publish_mode: PublishMode;
  faults: { next_id: number; faults: ArmedFault[] };
}

/** Reads every ledger table in one read transaction, so the snapshot is consistent. */
export async function readLedgerTables(db: LabDatabase): Promise<LedgerTables> {
  return db.transaction(
    'r',
    [db.candles, db.factor_events, db.factor_series_state, db.overlay_versions, db.overlay_series_state],
    async () => ({
      candles: await db.candles.toArray(),
      factor_events: await db.factor_events.toArray(),
      factor_series_state: await db.factor_series_state.toArray(),
      overlay_versions: await db.overlay_versions.toArray(),
      overlay_series_state: await db.overlay_series_state.toArray(),
    }),
  );
}

/** Replaces every ledger table with the snapshot's rows, in one transaction. */
export async function writeLedgerTables(db: LabDatabase, tables: LedgerTables): Promise<void> {
  await db.transaction(
    'rw',
    [db.candles, db.factor_events, db.factor_series_state, db.overlay_versions, db.overlay_series_state],
    async () => {
      await Promise.all([
        db.candles.clear(),
        db.factor_events.clear(),
        db.factor_series_state.clear(),
        db.overlay_versions.clear(),
        db.overlay_series_state.clear(),
      ]);
      await db.candles.bulkPut(tables.candles);
      await db.factor_events.bulkPut(tables.factor_events);
      await db.factor_series_state.bulkPut(tables.factor_series_state);
      await db.overlay_versions.bulkPut(tables.overlay_versions);
      await db.overlay_series_state.bulkPut(tables.overlay_series_state);
    },
  );
}
