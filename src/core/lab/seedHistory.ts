/**
 * Fills a fresh lab with history, through the real write chain (so factors and overlay
 * are computed, not faked). Each series gets its own seed and starting price.
 *
 * The series go in one pipeline run (`/lab/pipeline/run`, as the market-data supervisor
 * drives it), up to five at a time: each still goes store → factor → overlay, in id
 * order, but the lab answers one request instead of one per series.
 */
import type { ClosedCandle } from '../domain/candle';
import { MAX_RUN_SERIES } from '../http/requestSchemas';
import type { LabBackend } from './labBackend';
import { generateCandles } from './candleGenerator';
import { DEFAULT_SERIES, HISTORY_CANDLES, HISTORY_SEED, HISTORY_START } from './labPresets';

export interface SeedOptions {
  series?: readonly string[];
  count?: number;
  seed?: number;
  startTime?: number;
}

export async function seedHistory(backend: LabBackend, options: SeedOptions = {}): Promise<void> {
  const series = options.series ?? DEFAULT_SERIES;
  const count = options.count ?? HISTORY_CANDLES;
  const seed = options.seed ?? HISTORY_SEED;
  for (let from = 0; from < series.length; from += MAX_RUN_SERIES) {
    const batches: Record<string, ClosedCandle[]> = {};
    for (let i = from; i < Math.min(from + MAX_RUN_SERIES, series.length); i++) {
      const seriesId = series[i]!;
      batches[seriesId] = generateCandles({ seriesId, startTime: options.startTime ?? HISTORY_START, count, seed: seed + i * 101, startPrice: i === 0 ? 100 : 40 });
    }
    const res = await backend.post('/lab/pipeline/run', { batches, publish: false });
    if (res.status !== 200) throw new Error(`seeding ${Object.keys(batches).join(', ')} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
