/**
 * Shared helpers for the core tests: a fresh lab backend per test (unique database name,
 * manual clock), candle builders and small readers for what a learner would look at.
 */
import {
  HISTORY_START,
  IngestPipelineError,
  LabBackend,
  ManualClock,
  generateCandles,
  readLedgerTables,
  type ClosedCandle,
  type Env,
  type HttpResponse,
} from '../../../src/core/index';
import type { PublishMode } from '../../../src/core/pipeline/candleHub';

/** Series ids in ascending order, so a multi-series run visits them A, B, C. */
export const SID = 'binance:futures:BTC/USDT:1m';
export const SID_A = 'binance:futures:AAA/USDT:1m';
export const SID_B = 'binance:futures:BBB/USDT:1m';
export const SID_C = 'binance:futures:CCC/USDT:1m';
export const T0 = HISTORY_START;
export const MINUTE = 60;

export const FLAG = {
  debug: 'TRADE_CANVAS_ENABLE_DEBUG_API',
  dev: 'TRADE_CANVAS_ENABLE_DEV_API',
  repair: 'TRADE_CANVAS_ENABLE_READ_REPAIR_API',
  compensateOverlay: 'TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR',
  compensateCandles: 'TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES',
  factorIngest: 'TRADE_CANVAS_ENABLE_FACTOR_INGEST',
  overlayIngest: 'TRADE_CANVAS_ENABLE_OVERLAY_INGEST',
  fingerprintRebuild: 'TRADE_CANVAS_ENABLE_FACTOR_FINGERPRINT_REBUILD',
  logicVersion: 'TRADE_CANVAS_FACTOR_LOGIC_VERSION',
  pivotMajor: 'TRADE_CANVAS_PIVOT_WINDOW_MAJOR',
  pivotMinor: 'TRADE_CANVAS_PIVOT_WINDOW_MINOR',
  keepCandles: 'TRADE_CANVAS_FACTOR_REBUILD_KEEP_CANDLES',
  overlayWindow: 'TRADE_CANVAS_OVERLAY_WINDOW_CANDLES',
} as const;

/** Small pivot windows so pivots and pens appear after a handful of candles. */
export const SMALL_WINDOWS: Env = { [FLAG.pivotMajor]: '2', [FLAG.pivotMinor]: '1' };
/** SMALL_WINDOWS with the debug hub on. */
export const DEBUG_ENV: Env = { ...SMALL_WINDOWS, [FLAG.debug]: '1' };
/** DEBUG_ENV with the repair route open. */
export const REPAIR_ENV: Env = { ...DEBUG_ENV, [FLAG.dev]: '1', [FLAG.repair]: '1' };

let counter = 0;
/** A database name no other test (or run) uses. */
export function uniqueDbName(prefix = 'core-test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

const open: LabBackend[] = [];

export interface OpenOptions {
  dbName?: string;
  publishMode?: PublishMode;
  clock?: ManualClock;
  /** Leave the env out, as a page reload does (the lab then uses the env it last ran with). */
  keepEnv?: boolean;
}

/** Opens a fresh lab backend with a manual clock; `closeBackends` closes it after the test. */
export async function openBackend(env: Env = DEBUG_ENV, options: OpenOptions = {}): Promise<LabBackend> {
  const dbName = options.dbName ?? uniqueDbName();
  const clock = options.clock ?? new ManualClock();
  const backend = await LabBackend.open({
    dbName,
    clock,
    ...(options.keepEnv ? {} : { env }),
    ...(options.publishMode ? { publishMode: options.publishMode } : {}),
  });
  open.push(backend);
  return backend;
}

/** For afterEach: closes every backend opened by `openBackend` and deletes its database. */
export async function closeBackends(): Promise<void> {
  const all = open.splice(0);
  for (const b of all) {
    await b.idle();
    b.close();
  }
  await Promise.all(all.map((b) => deleteDatabase(b.db.name)));
}

/**
 * Deletes a closed lab's database. The last transaction of a closed connection may still
 * be finishing: the delete then waits for it ("blocked"), which is expected here, so the
 * raw IndexedDB call is used rather than Dexie's, which warns about it on the console.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
  });
}

/** `count` market-like candles from `start` (on the 1m grid). */
export function candles(count: number, seed = 1, start = T0, seriesId = SID): ClosedCandle[] {
  return generateCandles({ seriesId, startTime: start, count, seed });
}

/** A candle with the given time and prices (open/close inside [low, high]). */
export function candle(time: number, high: number, low: number, volume = 10): ClosedCandle {
  const mid = Math.round(((high + low) / 2) * 100) / 100;
  return { candle_time: time, open: mid, high, low, close: mid, volume };
}

/** The time of the i-th candle on the 1m grid. */
export const at = (i: number) => T0 + i * MINUTE;

export function postBatch(backend: LabBackend, seriesId: string, batch: ClosedCandle[], publish_ws = true): Promise<HttpResponse> {
  return backend.post('/api/market/ingest/candles_closed_batch', { series_id: seriesId, candles: batch, publish_ws });
}

/** Posts a batch and fails the test unless it answers 200. */
export async function ingestOk(backend: LabBackend, seriesId: string, batch: ClosedCandle[]): Promise<void> {
  const res = await postBatch(backend, seriesId, batch, false);
  if (res.status !== 200) throw new Error(`ingest of ${seriesId} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export function drawDelta(backend: LabBackend, seriesId: string, atTime?: number): Promise<HttpResponse> {
  return backend.get('/api/draw/delta', atTime === undefined ? { series_id: seriesId } : { series_id: seriesId, at_time: atTime });
}

export function repair(backend: LabBackend, seriesId: string, toTime?: number | null): Promise<HttpResponse> {
  return backend.post('/api/dev/repair/overlay', toTime === undefined ? { series_id: seriesId } : { series_id: seriesId, to_time: toTime });
}

export async function storedTimes(backend: LabBackend, seriesId: string): Promise<number[]> {
  return (await backend.candles.all(seriesId)).map((c) => c.candle_time);
}

/** Runs a promise expected to reject with an IngestPipelineError and returns the error. */
export async function pipelineError(p: Promise<unknown>): Promise<IngestPipelineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IngestPipelineError) return e;
    throw e;
  }
  throw new Error('expected an IngestPipelineError, but the run succeeded');
}

/** The body of an error response, typed loosely for assertions. */
export function errorBody(res: HttpResponse): { detail: string; code: string; [k: string]: unknown } {
  return res.body as { detail: string; code: string; [k: string]: unknown };
}

export async function heads(backend: LabBackend, seriesId: string) {
  const [store, factor, overlay] = await Promise.all([
    backend.candles.head_time(seriesId),
    backend.factors.state(seriesId),
    backend.overlays.head_time(seriesId),
  ]);
  return { store, factor: factor.head_time, overlay };
}

/** Every ledger table, row for row (to prove that something changed nothing). */
export function readLedger(backend: LabBackend) {
  return readLedgerTables(backend.db);
}
