/**
 * Where a learner starts. The real defaults (SPEC §8) are shown beside every flag; the
 * preset only turns the debug hub on and shrinks the pivot windows so pivots and pens
 * appear after a few dozen candles instead of hundreds.
 */
import type { Env } from '../flags/runtimeFlags';

export const DEFAULT_SERIES = ['binance:futures:BTC/USDT:1m', 'binance:futures:ETH/USDT:1m'] as const;

export const LEARNER_PRESET_ENV: Env = {
  TRADE_CANVAS_ENABLE_DEBUG_API: '1',
  TRADE_CANVAS_PIVOT_WINDOW_MAJOR: '5',
  TRADE_CANVAS_PIVOT_WINDOW_MINOR: '2',
};

/** 2026-01-05 00:00 UTC: the lab's history starts here, on every grid. */
export const HISTORY_START = 1767571200;
export const HISTORY_CANDLES = 120;
export const HISTORY_SEED = 7;
