/**
 * SPEC §1, the factor store: factor events per series, a per-series head_time and
 * fingerprint; appends move the head in the same transaction; clearing a series drops its
 * events and head (the rebuild then stores the new fingerprint).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactorEvent, PenEvent, PivotEvent } from '../../../src/core/domain/factorEvent';
import { DexieFactorStore } from '../../../src/core/storage/dexie/dexieFactorStore';
import { LabDatabase } from '../../../src/core/storage/dexie/labDatabase';
import { SID_A, SID_B, at, deleteDatabase, uniqueDbName } from '../helpers/backend';

let db: LabDatabase;
let store: DexieFactorStore;
beforeEach(async () => {
  db = new LabDatabase(uniqueDbName('factors'));
  await db.open();
  store = new DexieFactorStore(db);
});
afterEach(async () => {
  db.close();
  await deleteDatabase(db.name);
});

const piv = (level: 'major' | 'minor', direction: 'high' | 'low', i: number, vis = i + 2): PivotEvent => ({
  kind: 'pivot',
  level,
  direction,
  candle_time: at(i),
  visible_time: at(vis),
  price: 10 + i,
});
const pen = (from: number, to: number, vis: number): PenEvent => ({
  kind: 'pen',
  direction: 'up',
  start_time: at(from),
  start_price: 1,
  end_time: at(to),
  end_price: 2,
  visible_time: at(vis),
  candle_time: at(from),
});
const plain = (rows: { id?: number; series_id: string }[]) => rows.map(({ id: _i, series_id: _s, ...e }) => e);

describe('state', () => {
  it('a series never computed has no head and no fingerprint', async () => {
    expect(await store.state(SID_A)).toEqual({ series_id: SID_A, head_time: null, fingerprint: null });
  });

  it('append stores events and moves the head; set_fingerprint keeps the head', async () => {
    await store.append(SID_A, [piv('major', 'high', 3)], at(6));
    await store.set_fingerprint(SID_A, 'abc');
    expect(await store.state(SID_A)).toEqual({ series_id: SID_A, head_time: at(6), fingerprint: 'abc' });
    await store.append(SID_A, [], at(9));
    expect(await store.state(SID_A)).toEqual({ series_id: SID_A, head_time: at(9), fingerprint: 'abc' });
    expect(await db.factor_events.count()).toBe(1);
  });

  it('clear_series drops that series’ events and head, keeps its fingerprint and other series', async () => {
    await store.append(SID_A, [piv('major', 'high', 3), pen(1, 3, 5)], at(6));
    await store.set_fingerprint(SID_A, 'abc');
    await store.append(SID_B, [piv('minor', 'low', 2)], at(4));
    await store.clear_series(SID_A);
    expect(await store.state(SID_A)).toEqual({ series_id: SID_A, head_time: null, fingerprint: 'abc' });
    expect(await store.events_visible_between(SID_A, 0, at(100))).toEqual([]);
    expect(plain(await store.events_visible_between(SID_B, 0, at(100)))).toEqual([piv('minor', 'low', 2)]);
    expect((await store.state(SID_B)).head_time).toBe(at(4));
  });
});

describe('queries', () => {
  const events: FactorEvent[] = [
    piv('major', 'high', 5),
    piv('minor', 'low', 2),
    piv('major', 'low', 8, 10),
    pen(2, 5, 10),
    pen(5, 8, 14),
    piv('major', 'high', 12, 14),
  ];
  beforeEach(async () => {
    await store.append(SID_A, events, at(14));
    await store.append(SID_B, [piv('major', 'high', 6)], at(8));
  });

  it('events_visible_between: inclusive bounds, ordered by candle time', async () => {
    expect(plain(await store.events_visible_between(SID_A, at(4), at(10)))).toEqual([piv('minor', 'low', 2), pen(2, 5, 10), piv('major', 'high', 5), piv('major', 'low', 8, 10)]);
    expect(await store.events_visible_between(SID_A, at(10), at(9))).toEqual([]);
  });

  it('major_pivots_from: major pivots from a candle time on (minor ones and pens left out)', async () => {
    expect(plain(await store.major_pivots_from(SID_A, at(5)))).toEqual([piv('major', 'high', 5), piv('major', 'low', 8, 10), piv('major', 'high', 12, 14)]);
    expect(plain(await store.major_pivots_from(SID_A, at(6)))).toEqual([piv('major', 'low', 8, 10), piv('major', 'high', 12, 14)]);
  });

  it('pens_ending_from: pens ending at or after a time, including the one that crosses it', async () => {
    expect(plain(await store.pens_ending_from(SID_A, at(6)))).toEqual([pen(5, 8, 14)]);
    expect(plain(await store.pens_ending_from(SID_A, at(4)))).toEqual([pen(2, 5, 10), pen(5, 8, 14)]);
    expect(await store.pens_ending_from(SID_A, at(9))).toEqual([]);
  });

  it('last_pen is the latest pen of the series', async () => {
    expect(plain([(await store.last_pen(SID_A))!])).toEqual([pen(5, 8, 14)]);
    expect(await store.last_pen(SID_B)).toBeUndefined();
  });
});
