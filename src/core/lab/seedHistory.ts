/**
 * Fills a fresh lab with history, through the real write chain (so factors and overlay
 * are computed, not faked). Each series gets its own seed and starting price.
 */
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
  for (const [i, seriesId] of series.entries()) {
    const candles = generateCandles({ seriesId, startTime: options.startTime ?? HISTORY_START, count, seed: seed + i * 101, startPrice: i === 0 ? 100 : 40 });
    const res = await backend.post('/api/market/ingest/candles_closed_batch', { series_id: seriesId, candles, publish_ws: false });
    if (res.status !== 200) throw new Error(`seeding ${seriesId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
