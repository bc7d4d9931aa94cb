/**
 * One entry of the run history: what the learner did, under which flags and faults, what
 * came back, and the blast radius computed from IndexedDB against the snapshot taken just
 * before. The snapshot itself is kept apart (it is large) for "step back".
 */
import {
  blastRadius,
  compareRollbacks,
  type ArmedFault,
  type BlastRadius,
  type Env,
  type LabSnapshot,
  type LedgerTables,
  type PublishMode,
  type RollbackComparison,
  type RunTrace,
  type TamperResult,
} from '../../core';
import { isIngestPath, requestSeries } from './requestBatches';

export type RunKind = 'ingest' | 'repair' | 'tamper';

export interface RunRecord {
  id: number;
  kind: RunKind;
  at_ms: number;
  series: string[];
  /** The env and publish mode the service was running with. */
  env: Env;
  publish_mode: PublishMode;
  service_status: 'running' | 'crashed';
  /** Faults armed just before the run (spent ones included, marked). */
  faults: ArmedFault[];
  trace: RunTrace | null;
  tamper: TamperResult | null;
  blast: BlastRadius;
  /** Minimal versus range rollback, for ingests that stored something. */
  rollback: RollbackComparison[];
}

export function buildRunRecord(
  id: number,
  kind: RunKind,
  atMs: number,
  before: LabSnapshot,
  after: LedgerTables,
  outcome: { trace: RunTrace } | { tamper: TamperResult },
): RunRecord {
  const trace = 'trace' in outcome ? outcome.trace : null;
  const tamper = 'tamper' in outcome ? outcome.tamper : null;
  return {
    id,
    kind,
    at_ms: atMs,
    series: trace ? requestSeries(trace.request) : tamper ? [tamper.series_id] : [],
    env: before.env,
    publish_mode: before.publish_mode,
    service_status: before.status,
    faults: before.faults.faults,
    trace,
    tamper,
    blast: blastRadius(before.tables, after, trace ?? undefined),
    rollback: trace && isIngestPath(trace.request.path) && trace.stored.length > 0 ? compareRollbacks(before.tables.candles, trace) : [],
  };
}

/** Counts a run view shows: candles written new, overwritten, and rolled back. */
export function candleCounts(trace: RunTrace): { written: number; overwritten: number; rolled_back: number } {
  return {
    written: trace.stored.reduce((n, w) => n + w.new_candle_times.length, 0),
    overwritten: trace.stored.reduce((n, w) => n + w.existing_times.length, 0),
    rolled_back: trace.compensation.reduce((n, c) => n + c.candle_compensated_rows, 0),
  };
}
