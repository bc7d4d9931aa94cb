/**
 * The benchmark's page side: measures in the real browser, on real IndexedDB, with the
 * production build of the core. scripts/bench/runBench.mjs drives it and prints ratios.
 */
import { CandlestickSeries, createChart } from 'lightweight-charts';
import { LabBackend } from '../../src/core/lab/labBackend';
import { generateCandles } from '../../src/core/lab/candleGenerator';
import { toCandleRow, type ClosedCandle } from '../../src/core/domain/candle';

const SID = 'binance:futures:BTC/USDT:1m';
const START = 1577836800; // 2020-01-01, on every grid
let dbCounter = 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
  p95?: number;
}
const figure = (xs: number[], withP95 = false): Figure => ({
  median: median(xs),
  min: Math.min(...xs),
  max: Math.max(...xs),
  runs: xs.length,
  ...(withP95 ? { p95: p95(xs) } : {}),
});

async function freshBackend(env: Record<string, string> = {}): Promise<LabBackend> {
  return LabBackend.open({ dbName: `bench-${Date.now()}-${dbCounter++}`, env });
}

async function dispose(b: LabBackend) {
  b.close();
  await b.db.delete();
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** 1. The full chain vs a raw Dexie bulkPut vs a raw IndexedDB put loop (the floor). */
async function chainVsBulkPut(runs: number) {
  const candles = generateCandles({ seriesId: SID, startTime: START, count: 10_000, seed: 1 });
  const rows = candles.map((c) => toCandleRow(SID, c));
  const chain: number[] = [];
  const bulk: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b1 = await freshBackend();
    chain.push(await time(async () => {
      const res = await b1.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles, publish_ws: false });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }));
    await dispose(b1);

    const b2 = await freshBackend();
    bulk.push(await time(() => b2.db.transaction('rw', b2.db.candles, () => b2.db.candles.bulkPut(rows))));
    await dispose(b2);

    const b3 = await freshBackend();
    const idb = b3.db.backendDB();
    raw.push(await time(() => new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('candles', 'readwrite');
      const store = tx.objectStore('candles');
      for (const r of rows) store.put(r);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    })));
    await dispose(b3);
  }
  return { chain: figure(chain), dexie_bulkput: figure(bulk), raw_idb_put_loop: figure(raw) };
}

/** Writes `n` candles of history straight into the tables (not through the chain). */
async function rawHistory(b: LabBackend, n: number): Promise<ClosedCandle[]> {
  const candles = generateCandles({ seriesId: SID, startTime: START, count: n, seed: 2 });
  for (let i = 0; i < n; i += 20_000) {
    await b.db.candles.bulkPut(candles.slice(i, i + 20_000).map((c) => toCandleRow(SID, c)));
  }
  return candles;
}

/** 2. Compensation of 50 new candles: cost follows the batch, not the history. */
async function compensationScaling(runs: number) {
  const env = { TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' };
  const out: Record<string, { delete_50: Figure; failing_ingest_50: Figure }> = {};
  for (const size of [1_000, 100_000]) {
    const b = await freshBackend(env);
    const history = await rawHistory(b, size);
    const last = history[history.length - 1]!;
    const del: number[] = [];
    const ingest: number[] = [];
    for (let i = 0; i < runs; i++) {
      const batch = generateCandles({ seriesId: SID, startTime: last.candle_time + 60, count: 50, seed: 10 + i });
      const times = batch.map((c) => c.candle_time);
      await b.db.candles.bulkPut(batch.map((c) => toCandleRow(SID, c)));
      del.push(await time(() => b.candles.delete_closed_times(SID, times)));
      b.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
      ingest.push(await time(async () => {
        const res = await b.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles: batch, publish_ws: false });
        if (res.status !== 500) throw new Error(`expected the injected 500, got ${res.status}`);
      }));
      if ((await b.candles.count(SID)) !== size) throw new Error('compensation did not restore the history');
    }
    out[String(size)] = { delete_50: figure(del), failing_ingest_50: figure(ingest) };
    await dispose(b);
  }
  return out;
}

/** 3. One-candle ingest through the whole chain, history through the chain first. */
async function oneCandleScaling(runs: number) {
  const out: Record<string, Figure> = {};
  for (const size of [1_000, 10_000, 100_000]) {
    const b = await freshBackend();
    const history = generateCandles({ seriesId: SID, startTime: START, count: size, seed: 3 });
    for (let i = 0; i < size; i += 10_000) {
      const res = await b.post('/api/market/ingest/candles_closed_batch', { series_id: SID, candles: history.slice(i, i + 10_000), publish_ws: false });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }
    const more = generateCandles({ seriesId: SID, startTime: history[history.length - 1]!.candle_time + 60, count: runs + 5, seed: 4 });
    const xs: number[] = [];
    for (const [i, candle] of more.entries()) {
      const ms = await time(async () => {
        const res = await b.post('/api/market/ingest/candle_closed', { series_id: SID, candle });
        if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      });
      if (i >= 5) xs.push(ms); // the first few warm caches up
    }
    out[String(size)] = figure(xs, true);
    await dispose(b);
  }
  return out;
}

/**
 * 4. The chart: one appended candle with series.update at 10,000 bars. Measured as the
 * update call plus the chart's own render work in the next frame (lightweight-charts draws
 * in its requestAnimationFrame callback, which runs before ours in the same frame), so
 * the figure is work done, not time spent waiting for the display's next vsync.
 */
async function chartUpdate(runs: number) {
  const el = document.getElementById('chart')!;
  const chart = createChart(el, { width: 1000, height: 500 });
  const series = chart.addSeries(CandlestickSeries);
  const bars = generateCandles({ seriesId: SID, startTime: START, count: 10_000 + runs, seed: 5 });
  const toBar = (c: ClosedCandle) => ({ time: c.candle_time as never, open: c.open, high: c.high, low: c.low, close: c.close });
  series.setData(bars.slice(0, 10_000).map(toBar));
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const workUntilPainted = (change: () => void) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      change();
      const call = performance.now() - t0;
      requestAnimationFrame((frameStart) => resolve(call + Math.max(0, performance.now() - frameStart)));
    });
  const update: number[] = [];
  const setData: number[] = [];
  for (let i = 0; i < runs; i++) update.push(await workUntilPainted(() => series.update(toBar(bars[10_000 + i]!))));
  const all = bars.slice(0, 10_000 + runs).map(toBar);
  for (let i = 0; i < Math.min(runs, 5); i++) setData.push(await workUntilPainted(() => series.setData(all)));
  chart.remove();
  return { update_until_frame: figure(update), full_setdata_until_frame: figure(setData) };
}

declare global {
  interface Window {
    runBench: (runs: number) => Promise<unknown>;
  }
}

window.runBench = async (runs: number) => ({
  chain: await chainVsBulkPut(runs),
  compensation: await compensationScaling(runs),
  one_candle: await oneCandleScaling(Math.max(runs * 4, 40)),
  chart: await chartUpdate(Math.max(runs * 4, 40)),
});

/** Where the chain's time goes on a 10,000-candle batch (step durations from the trace). */
window.stepBreakdown = async () => {
  const candles = generateCandles({ seriesId: SID, startTime: START, count: 10_000, seed: 1 });
  const b = await freshBackend();
  const trace = await b.send({ method: 'POST', path: '/api/market/ingest/candles_closed_batch', body: { series_id: SID, candles, publish_ws: false } });
  await dispose(b);
  return trace.steps.map((s) => `${s.step} ${s.duration_ms.toFixed(0)} ms`);
};
declare global {
  interface Window {
    stepBreakdown: () => Promise<string[]>;
  }
}

