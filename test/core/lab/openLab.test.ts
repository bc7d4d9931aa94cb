/**
 * Hardening of how the lab opens: no IndexedDB means an in-memory lab that says so; a
 * newer schema opened by another tab does not hang either tab: the old one closes and is
 * told to reload.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEARNER_PRESET_ENV, openLabWithFallback, seedHistory } from '../../../src/core/index';

describe('opening the lab', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs in memory, and says so, when IndexedDB is unavailable', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const opened = await openLabWithFallback({ dbName: 'no-idb', env: LEARNER_PRESET_ENV });
    expect(opened.persistent).toBe(false);
    expect(opened.reason).toMatch(/no IndexedDB/);
    await seedHistory(opened.backend, { series: ['binance:futures:BTC/USDT:1m'], count: 20 });
    expect(await opened.backend.candles.count('binance:futures:BTC/USDT:1m')).toBe(20);
    opened.backend.close();
  });

  it('a database this open creates starts with the env for new labs; a reopen keeps what the learner left', async () => {
    const first = await openLabWithFallback({ dbName: 'created-then-kept', envWhenNew: LEARNER_PRESET_ENV });
    expect(first.backend.created).toBe(true);
    expect(first.backend.env).toEqual(LEARNER_PRESET_ENV);
    await seedHistory(first.backend, { series: ['binance:futures:BTC/USDT:1m', 'binance:futures:ETH/USDT:1m'], count: 30 });
    await first.backend.restart({ ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '0' });
    const events = first.backend.debug.list().length;
    first.backend.close();

    const again = await openLabWithFallback({ dbName: 'created-then-kept', envWhenNew: { TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: '1' } });
    expect(again.backend.created).toBe(false);
    expect(again.backend.env.TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES).toBe('0');
    expect(again.backend.debug.list().length).toBe(events);
    expect(await again.backend.candles.count('binance:futures:ETH/USDT:1m')).toBe(30);
    again.backend.close();
  });

  it('a newer schema in another tab closes this connection and tells the page, without hanging', async () => {
    const { backend } = await openLabWithFallback({ dbName: 'upgrade-race', env: LEARNER_PRESET_ENV });
    const told = vi.fn();
    backend.onVersionChange(told);

    const newer = new Dexie('upgrade-race');
    newer.version(1).stores({ candles: '[series_id+candle_time]' });
    newer.version(2).stores({ candles: '[series_id+candle_time]', extra: 'id' });
    await newer.open(); // would block forever if the old tab kept its connection
    expect(told).toHaveBeenCalledTimes(1);
    expect(backend.db.isOpen()).toBe(false);
    newer.close();
  });
});
