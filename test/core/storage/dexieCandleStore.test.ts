/**
 * SPEC §1, the candle store on IndexedDB: last-write-wins upsert in one transaction,
 * head_time, floor_time, existing_closed_times, delete_closed_times (exactly those rows,
 * returning how many), trim_series_to_latest_n; the mid-transaction abort leaves no row;
 * the write chain's lookups touch only the batch's keys (recorded with a DBCore spy).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosedCandle } from '../../../src/core/index';
import { compensate } from '../../../src/core/pipeline/compensation';
import { FaultInjector } from '../../../src/core/faults/faultInjector';
import { DexieCandleStore } from '../../../src/core/storage/dexie/dexieCandleStore';
import type { LabDatabase } from '../../../src/core/storage/dexie/labDatabase';
import { SID_A, SID_B, at, candles, deleteDatabase, uniqueDbName } from '../helpers/backend';
import { openSpiedDatabase, type RecordedOp } from '../helpers/dbSpy';

let db: LabDatabase;
let ops: RecordedOp[];
let store: DexieCandleStore;

beforeEach(async () => {
  ({ db, ops } = await openSpiedDatabase(uniqueDbName('candles')));
  store = new DexieCandleStore(db);
});
afterEach(async () => {
  db.close();
  await deleteDatabase(db.name);
});

/** Ten candles at(0)..at(9) for A, and the same times for B (to prove series isolation). */
async function seed(): Promise<{ a: ClosedCandle[]; b: ClosedCandle[] }> {
  const a = candles(10, 1, at(0), SID_A);
  const b = candles(10, 2, at(0), SID_B);
  await store.upsert_many_closed(SID_A, a);
  await store.upsert_many_closed(SID_B, b);
  ops.length = 0;
  return { a, b };
}

const candleOps = () => ops.filter((o) => o.table === 'candles');

/**
 * Every candle read touches only the batch's own keys: point gets of exactly those keys,
 * or one key-only read bounded by the batch's first and last key (a dense batch), never a
 * read of rows, a cursor, a count or a range beyond the batch. Every write or delete is
 * of batch keys only, never a range delete.
 */
function expectOnlyBatchKeys(seriesId: string, times: number[]): void {
  const keys = new Set(times.map((t) => JSON.stringify([seriesId, t])));
  const lo = JSON.stringify([seriesId, Math.min(...times)]);
  const hi = JSON.stringify([seriesId, Math.max(...times)]);
  for (const op of candleOps()) {
    const where = JSON.stringify(op);
    if (op.kind === 'getMany' || op.kind === 'mutate') {
      expect(op.mutate, where).not.toBe('deleteRange');
      for (const k of op.keys!) expect(keys.has(JSON.stringify(k)), where).toBe(true);
    } else {
      expect(op.kind, where).toBe('query');
      expect([op.index, op.values, op.range!.lowerOpen, op.range!.upperOpen], where).toEqual([null, false, false, false]);
      expect([JSON.stringify(op.range!.lower), JSON.stringify(op.range!.upper)], where).toEqual([lo, hi]);
    }
  }
}

describe('upsert_many_closed', () => {
  it('is last-write-wins and reports which batch times existed', async () => {
    const { a, b } = await seed();
    const changed = { ...a[3]!, close: 999, high: 1000 };
    const out = await store.upsert_many_closed(SID_A, [changed, ...candles(2, 5, at(10), SID_A)]);
    expect(out).toEqual({ existing_times: [at(3)] });
    expect((await store.all(SID_A))[3]).toEqual(changed);
    expect(await store.count(SID_A)).toBe(12);
    expect(await store.all(SID_B)).toEqual(b);
  });

  it('a throw in the middle of the transaction aborts it: no row of the batch is left', async () => {
    const { a } = await seed();
    const batch = [{ ...a[8]!, close: 1 }, { ...a[9]!, close: 2 }, ...candles(4, 5, at(10), SID_A)];
    await expect(
      store.upsert_many_closed(SID_A, batch, {
        midTransaction: () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await store.all(SID_A)).toEqual(a);
  });

  it('reads only the batch keys and writes exactly the batch rows, without scanning the series', async () => {
    await seed();
    const batch = candles(3, 5, at(9), SID_A);
    await store.upsert_many_closed(SID_A, batch);
    expectOnlyBatchKeys(SID_A, batch.map((c) => c.candle_time));
    const written = candleOps().filter((o) => o.kind === 'mutate');
    expect(written.every((o) => o.mutate === 'put')).toBe(true);
    expect(written.flatMap((o) => o.keys)).toEqual(batch.map((c) => [SID_A, c.candle_time]));
  });
});

describe('reading', () => {
  it('head_time is the largest time, or null', async () => {
    expect(await store.head_time(SID_A)).toBeNull();
    await seed();
    expect(await store.head_time(SID_A)).toBe(at(9));
  });

  it('floor_time is the largest time at or before the given one', async () => {
    await seed();
    await store.delete_closed_times(SID_A, [at(5)]);
    expect(await store.floor_time(SID_A, at(4))).toBe(at(4));
    expect(await store.floor_time(SID_A, at(5) + 59)).toBe(at(4));
    expect(await store.floor_time(SID_A, at(100))).toBe(at(9));
    expect(await store.floor_time(SID_A, at(0) - 1)).toBeNull();
  });

  it('candles_in_range is (from, to]; last_candles_at_or_before is the last n up to a time', async () => {
    const { a } = await seed();
    expect(await store.candles_in_range(SID_A, at(2), at(5))).toEqual(a.slice(3, 6));
    expect(await store.candles_in_range(SID_A, at(5), at(5))).toEqual([]);
    expect(await store.last_candles_at_or_before(SID_A, at(6), 3)).toEqual(a.slice(4, 7));
    expect(await store.series_ids()).toEqual([SID_A, SID_B]);
  });
});

describe('existing_closed_times', () => {
  it('answers which of the given times exist, for that series only', async () => {
    await seed();
    await store.delete_closed_times(SID_A, [at(7)]);
    expect(await store.existing_closed_times(SID_A, [at(7), at(3), at(42), at(0)])).toEqual([at(3), at(0)]);
  });

  it('a dense batch: one bounded read, only within the batch', async () => {
    await seed();
    expect(await store.existing_closed_times(SID_A, [at(7), at(3), at(5)])).toEqual([at(7), at(3), at(5)]);
    expectOnlyBatchKeys(SID_A, [at(7), at(3), at(5)]);
    expect(candleOps()).toHaveLength(1);
  });

  it('a sparse batch: point lookups of exactly those keys (never the time between them)', async () => {
    await seed();
    expect(await store.existing_closed_times(SID_A, [at(2), at(5000)])).toEqual([at(2)]);
    expect(candleOps()).toEqual([{ table: 'candles', kind: 'getMany', keys: [[SID_A, at(2)], [SID_A, at(5000)]] }]);
  });
});

describe('delete_closed_times', () => {
  it('deletes exactly those rows and returns how many existed', async () => {
    const { a, b } = await seed();
    expect(await store.delete_closed_times(SID_A, [at(2), at(5), at(77)])).toBe(2);
    expect((await store.all(SID_A)).map((c) => c.candle_time)).toEqual(a.map((c) => c.candle_time).filter((t) => t !== at(2) && t !== at(5)));
    expect(await store.all(SID_B)).toEqual(b);
    expect(await store.delete_closed_times(SID_A, [])).toBe(0);
  });

  it('touches only the given keys (sparse): point lookups, then a delete of the present ones', async () => {
    await seed();
    await store.delete_closed_times(SID_A, [at(2), at(5), at(77)]);
    expect(candleOps()).toEqual([
      { table: 'candles', kind: 'getMany', keys: [[SID_A, at(2)], [SID_A, at(5)], [SID_A, at(77)]] },
      { table: 'candles', kind: 'mutate', mutate: 'delete', keys: [[SID_A, at(2)], [SID_A, at(5)]] },
    ]);
  });

  it('touches only the given keys (dense): a bounded read, then a delete of exactly the present ones', async () => {
    await seed();
    const times = [at(8), at(9), at(10), at(11)];
    expect(await store.delete_closed_times(SID_A, times)).toBe(2);
    expectOnlyBatchKeys(SID_A, times);
    expect(candleOps().filter((o) => o.kind === 'mutate')).toEqual([
      { table: 'candles', kind: 'mutate', mutate: 'delete', keys: [[SID_A, at(8)], [SID_A, at(9)]] },
    ]);
  });

  it('compensation deletes through it: only new_candle_times, by key', async () => {
    await seed();
    const out = await compensate(
      { flags: { overlay_compensate_on_error: false, candle_compensate_on_error: true }, candles: store, overlayReset: async () => undefined, faults: new FaultInjector() },
      'factor.ingest_closed',
      SID_A,
      [at(8), at(9)],
    );
    expect(out).toMatchObject({ candle_compensated_rows: 2, deleted_times: [at(8), at(9)], compensation_error: null });
    expectOnlyBatchKeys(SID_A, [at(8), at(9)]);
    expect(candleOps().filter((o) => o.kind === 'mutate').flatMap((o) => o.keys)).toEqual([[SID_A, at(8)], [SID_A, at(9)]]);
    expect((await store.all(SID_A)).map((c) => c.candle_time)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(at));
  });
});

describe('trim_series_to_latest_n', () => {
  it('keeps the latest n candles of that series and says how many went', async () => {
    const { a, b } = await seed();
    expect(await store.trim_series_to_latest_n(SID_A, 4)).toBe(6);
    expect(await store.all(SID_A)).toEqual(a.slice(6));
    expect(await store.all(SID_B)).toEqual(b);
    expect(await store.trim_series_to_latest_n(SID_A, 10)).toBe(0);
    expect(await store.count(SID_A)).toBe(4);
  });
});
