/**
 * Market-like candles for the lab: a seeded random walk with swings, so pivots and pens
 * appear. Used for the starting history, "append the next N" and overlapping batches.
 */
import type { ClosedCandle } from '../domain/candle';
import { timeframeSecondsOf } from '../domain/series';
import { seededRandom } from './seededRandom';

/** Rounds to cents, as an exchange would quote. */
const cents = (x: number) => Math.round(x * 100) / 100;

function candleAt(time: number, open: number, rnd: () => number): ClosedCandle {
  const drift = Math.sin(time / 3600 / 1.7) * 0.9; // slow swings so pivots alternate
  const close = Math.max(1, open + (rnd() - 0.5) * 4 + drift);
  const high = Math.max(open, close) + rnd() * 1.5;
  const low = Math.max(0.5, Math.min(open, close) - rnd() * 1.5);
  return {
    candle_time: time,
    open: cents(open),
    high: cents(high),
    low: cents(low),
    close: cents(close),
    volume: cents(10 + rnd() * 90),
  };
}

export interface GenerateOptions {
  seriesId: string;
  /** Time of the first candle; snapped down to the timeframe grid. */
  startTime: number;
  count: number;
  seed: number;
  startPrice?: number;
}

export function generateCandles({ seriesId, startTime, count, seed, startPrice = 100 }: GenerateOptions): ClosedCandle[] {
  const tf = timeframeSecondsOf(seriesId);
  const rnd = seededRandom(seed);
  const out: ClosedCandle[] = [];
  let t = startTime - (startTime % tf);
  let open = startPrice;
  for (let i = 0; i < count; i++, t += tf) {
    const c = candleAt(t, open, rnd);
    out.push(c);
    open = c.close;
  }
  return out;
}

/** The next `count` candles after `last` (the last stored candle), continuing its price. */
export function nextCandles(seriesId: string, last: ClosedCandle | undefined, count: number, seed: number, fallbackStart: number): ClosedCandle[] {
  const tf = timeframeSecondsOf(seriesId);
  const startTime = last ? last.candle_time + tf : fallbackStart;
  return generateCandles({ seriesId, startTime, count, seed, startPrice: last?.close ?? 100 });
}

/**
 * A batch that overlaps history: the last `overlap` stored candles again with changed
 * prices (they will be overwritten), then `fresh` new candles after them.
 */
export function overlappingBatch(
  seriesId: string,
  history: readonly ClosedCandle[],
  overlap: number,
  fresh: number,
  seed: number,
): ClosedCandle[] {
  const rnd = seededRandom(seed);
  const tail = history.slice(Math.max(0, history.length - overlap));
  const changed = tail.map((c) => {
    const shift = cents((rnd() - 0.5) * 3);
    const open = Math.max(1, c.open + shift);
    const close = Math.max(1, c.close + shift);
    return {
      ...c,
      open: cents(open),
      close: cents(close),
      high: cents(Math.max(c.high + shift, open, close)),
      low: cents(Math.max(0.5, Math.min(c.low + shift, open, close))),
    };
  });
  const last = history[history.length - 1];
  return [...changed, ...nextCandles(seriesId, last, fresh, seed + 1, 0)];
}
