/**
 * SPEC §1, the overlay store: append-only instruction versions with an auto-increment
 * version_id and a per-series head_time; reset_series deletes both for that series only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OverlayInstruction } from '../../../src/core/domain/overlayInstruction';
import { DexieOverlayStore } from '../../../src/core/storage/dexie/dexieOverlayStore';
import { LabDatabase } from '../../../src/core/storage/dexie/labDatabase';
import { SID_A, SID_B, at, deleteDatabase, uniqueDbName } from '../helpers/backend';

let db: LabDatabase;
let store: DexieOverlayStore;
beforeEach(async () => {
  db = new LabDatabase(uniqueDbName('overlay'));
  await db.open();
  store = new DexieOverlayStore(db);
});
afterEach(async () => {
  db.close();
  await deleteDatabase(db.name);
});

const marker = (i: number, price = 10, vis = i + 2): OverlayInstruction => ({
  instruction_id: `pivot.major.high:${at(i)}`,
  kind: 'marker',
  visible_time: at(vis),
  definition: { time: at(i), position: 'above', shape: 'arrow_down', level: 'major', price, text: 'H' },
});
const line = (vis: number, n: number): OverlayInstruction => ({
  instruction_id: 'pen.polyline',
  kind: 'polyline',
  visible_time: at(vis),
  definition: { points: Array.from({ length: n }, (_, k) => ({ time: at(k), value: k })) },
});

describe('versions', () => {
  it('append_versions: increasing version ids, the head moves with them', async () => {
    const first = await store.append_versions(SID_A, [marker(1), marker(3)], at(5));
    const second = await store.append_versions(SID_A, [marker(1, 11)], at(7));
    expect(first).toHaveLength(2);
    expect(first[1]!).toBeGreaterThan(first[0]!);
    expect(second[0]!).toBeGreaterThan(first[1]!);
    expect(await store.head_time(SID_A)).toBe(at(7));
    // Append-only: the first version of marker(1) is still there.
    expect((await store.versions_after(SID_A, 0)).map((v) => v.version_id)).toEqual([...first, ...second]);
  });

  it('an empty append moves the head only', async () => {
    await store.append_versions(SID_A, [], at(4));
    expect(await store.head_time(SID_A)).toBe(at(4));
    expect(await store.versions_after(SID_A, 0)).toEqual([]);
  });

  it('latest_versions_of: the newest version of each asked id, absent ids left out', async () => {
    await store.append_versions(SID_A, [marker(1), line(4, 2)], at(5));
    await store.append_versions(SID_A, [marker(1, 12), line(6, 3)], at(7));
    const latest = await store.latest_versions_of(SID_A, [marker(1).instruction_id, 'pen.polyline', 'nope']);
    expect([...latest.keys()].sort()).toEqual([marker(1).instruction_id, 'pen.polyline'].sort());
    expect(latest.get(marker(1).instruction_id)!.definition).toEqual(marker(1, 12).definition);
    expect((latest.get('pen.polyline')!.definition as { points: unknown[] }).points).toHaveLength(3);
  });

  it('latest_versions_visible_between: newest per id among versions visible in [from, to]', async () => {
    await store.append_versions(SID_A, [marker(1, 10, 3), marker(5, 10, 7)], at(7));
    await store.append_versions(SID_A, [marker(1, 13, 3)], at(8));
    const latest = await store.latest_versions_visible_between(SID_A, at(2), at(4));
    expect([...latest.keys()]).toEqual([marker(1).instruction_id]);
    expect(latest.get(marker(1).instruction_id)!.definition).toEqual(marker(1, 13, 3).definition);
  });

  it('versions_after(cursor) returns only newer versions of that series', async () => {
    const [v1] = await store.append_versions(SID_A, [marker(1)], at(3));
    await store.append_versions(SID_B, [marker(2)], at(4));
    const [v3] = await store.append_versions(SID_A, [marker(3)], at(5));
    expect((await store.versions_after(SID_A, v1!)).map((v) => v.version_id)).toEqual([v3]);
  });
});

describe('reset_series', () => {
  it('deletes the versions and the head of that series only', async () => {
    await store.append_versions(SID_A, [marker(1), line(4, 2)], at(5));
    await store.append_versions(SID_B, [marker(2)], at(6));
    await store.reset_series(SID_A);
    expect(await store.head_time(SID_A)).toBeNull();
    expect(await store.versions_after(SID_A, 0)).toEqual([]);
    expect(await store.head_time(SID_B)).toBe(at(6));
    expect(await store.versions_after(SID_B, 0)).toHaveLength(1);
  });

  it('new versions after a reset get new, larger ids (ids are never reused)', async () => {
    const [old] = await store.append_versions(SID_A, [marker(1)], at(3));
    await store.reset_series(SID_A);
    const [fresh] = await store.append_versions(SID_A, [marker(1)], at(3));
    expect(fresh!).toBeGreaterThan(old!);
  });
});

describe('tampering (for the lab’s drills)', () => {
  it('overwrite_version and delete_version change one stored version', async () => {
    const [a, b] = await store.append_versions(SID_A, [marker(1), marker(3)], at(5));
    const [row] = await store.versions_after(SID_A, 0);
    await store.overwrite_version({ ...row!, definition: { ...(row!.definition as object), price: 99 } as never });
    await store.delete_version(b!);
    const rows = await store.versions_after(SID_A, 0);
    expect(rows.map((r) => r.version_id)).toEqual([a]);
    expect((rows[0]!.definition as { price: number }).price).toBe(99);
  });
});
