/**
 * The store step is one readwrite transaction per series batch — the existing-times read
 * and the upsert together — never one per row. Counted at Dexie's DBCore level, which
 * sees every IndexedDB transaction the lab opens.
 */
import type { DBCore, DBCoreTransaction } from 'dexie';
import { describe, expect, it } from 'vitest';
import { generateCandles, LabBackend, LEARNER_PRESET_ENV, ManualClock } from '../../../src/core/index';

const BTC = 'binance:futures:BTC/USDT:1m';
const ETH = 'binance:futures:ETH/USDT:1m';

async function countingLab(name: string) {
  const backend = await LabBackend.open({ dbName: name, env: LEARNER_PRESET_ENV, clock: new ManualClock() });
  const log: { stores: string[]; mode: string }[] = [];
  backend.db.close();
  backend.db.use({
    stack: 'dbcore',
    name: 'transaction-counter',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction(stores: string[], mode: 'readonly' | 'readwrite', options?: unknown): DBCoreTransaction {
        log.push({ stores: [...stores], mode });
        return down.transaction(stores, mode, options as never);
      },
    }),
  });
  await backend.db.open();
  return { backend, log };
}

const candleWrites = (log: { stores: string[]; mode: string }[]) => log.filter((t) => t.mode === 'readwrite' && t.stores.includes('candles'));

describe('store step transactions', () => {
  it('a 500-candle batch is written in exactly one readwrite transaction on candles', async () => {
    const { backend, log } = await countingLab('tx-count-single');
    const candles = generateCandles({ seriesId: BTC, startTime: 1767571200, count: 500, seed: 1 });
    const res = await backend.post('/api/market/ingest/candles_closed_batch', { series_id: BTC, candles });
    expect(res.status).toBe(200);
    expect(candleWrites(log)).toHaveLength(1);
    backend.close();
  });

  it('a two-series run opens one candle transaction per series, and compensation one more', async () => {
    const { backend, log } = await countingLab('tx-count-multi');
    const batches = {
      [BTC]: generateCandles({ seriesId: BTC, startTime: 1767571200, count: 200, seed: 2 }),
      [ETH]: generateCandles({ seriesId: ETH, startTime: 1767571200, count: 200, seed: 3 }),
    };
    expect((await backend.post('/lab/pipeline/run', { batches })).status).toBe(200);
    expect(candleWrites(log)).toHaveLength(2);

    await backend.restart({ ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' });
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    log.length = 0;
    const more = generateCandles({ seriesId: BTC, startTime: 1767571200 + 200 * 60, count: 100, seed: 4 });
    expect((await backend.post('/api/market/ingest/candles_closed_batch', { series_id: BTC, candles: more })).status).toBe(500);
    expect(candleWrites(log)).toHaveLength(2); // the upsert, then the compensation delete
    backend.close();
  });
});
