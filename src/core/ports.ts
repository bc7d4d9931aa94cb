/**
 * The storage the write chain needs, described as small interfaces (the real backend's
 * `storage/contracts.py`). `storage/dexie/` implements them on IndexedDB; nothing else
 * in the core knows about Dexie.
 */
import type { CandleRow, ClosedCandle } from './domain/candle';
import type { FactorEvent, FactorEventRow } from './domain/factorEvent';
import type { OverlayInstruction, OverlayVersionRow } from './domain/overlayInstruction';

/** Hooks the store step calls inside its transaction (the fault injector uses them). */
export interface UpsertHooks {
  /** Called after half of the rows were written, inside the open transaction. */
  midTransaction?: () => void;
}

export interface UpsertOutcome {
  /** Batch times that already existed before the write. */
  existing_times: number[];
}

export interface CandleStore {
  /** Reads which batch times exist, then upserts every candle: one transaction. */
  upsert_many_closed(seriesId: string, candles: ClosedCandle[], hooks?: UpsertHooks): Promise<UpsertOutcome>;
  head_time(seriesId: string): Promise<number | null>;
  floor_time(seriesId: string, at: number): Promise<number | null>;
  existing_closed_times(seriesId: string, times: number[]): Promise<number[]>;
  /** Deletes exactly these rows; returns how many existed and were deleted. */
  delete_closed_times(seriesId: string, times: number[]): Promise<number>;
  /** Keeps the latest `keep` candles; returns how many were deleted. */
  trim_series_to_latest_n(seriesId: string, keep: number): Promise<number>;
  /** Candles with `from < candle_time <= to`, ascending. */
  candles_in_range(seriesId: string, fromExclusive: number, toInclusive: number): Promise<ClosedCandle[]>;
  /** The last `n` candles with `candle_time <= at`, ascending. */
  last_candles_at_or_before(seriesId: string, at: number, n: number): Promise<ClosedCandle[]>;
  count(seriesId: string): Promise<number>;
  /** Every candle of the series, ascending (the chart and the blast-radius check read it). */
  all(seriesId: string): Promise<ClosedCandle[]>;
  series_ids(): Promise<string[]>;
}

export interface FactorSeriesState {
  series_id: string;
  head_time: number | null;
  fingerprint: string | null;
}

export interface FactorStore {
  state(seriesId: string): Promise<FactorSeriesState>;
  /** Appends events and moves the head, in one transaction. */
  append(seriesId: string, events: FactorEvent[], headTime: number): Promise<void>;
  set_fingerprint(seriesId: string, fingerprint: string): Promise<void>;
  /** Deletes the series' events and head (fingerprint kept: the caller sets the new one). */
  clear_series(seriesId: string): Promise<void>;
  /** Events with `from <= visible_time <= to`, ascending by candle time. */
  events_visible_between(seriesId: string, from: number, to: number): Promise<FactorEventRow[]>;
  /** Major pivots with `candle_time >= from`, ascending (pens are built from them). */
  major_pivots_from(seriesId: string, from: number): Promise<FactorEventRow[]>;
  /** Pens with `end_time >= from` (pens chain end to start, so at most one starts earlier). */
  pens_ending_from(seriesId: string, from: number): Promise<FactorEventRow[]>;
  /** The last pen event, if any. */
  last_pen(seriesId: string): Promise<FactorEventRow | undefined>;
}

export interface OverlaySeriesState {
  series_id: string;
  head_time: number | null;
}

export interface OverlayStore {
  head_time(seriesId: string): Promise<number | null>;
  /** Latest stored version of each of these instruction ids (absent ids are left out). */
  latest_versions_of(seriesId: string, instructionIds: string[]): Promise<Map<string, OverlayVersionRow>>;
  /** Latest version per instruction among versions with `from <= visible_time <= to`. */
  latest_versions_visible_between(seriesId: string, from: number, to: number): Promise<Map<string, OverlayVersionRow>>;
  /** Appends new versions and moves the head, in one transaction; returns the new version ids. */
  append_versions(seriesId: string, instructions: OverlayInstruction[], headTime: number): Promise<number[]>;
  /** Deletes every version and the head of the series. */
  reset_series(seriesId: string): Promise<void>;
  /** Versions with `version_id > cursor`, ascending. */
  versions_after(seriesId: string, cursor: number): Promise<OverlayVersionRow[]>;
  /** Replaces or deletes one stored version (tampering, for the lab's out-of-sync drills). */
  overwrite_version(row: OverlayVersionRow): Promise<void>;
  delete_version(versionId: number): Promise<void>;
}

export type { CandleRow };
