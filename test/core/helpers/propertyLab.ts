/**
 * A fresh lab for one run of a property test, on its own in-memory IndexedDB
 * (fake-indexeddb), in Node and in the Chromium project alike.
 *
 * Why not the browser's real IndexedDB in Chromium: there every transaction is a round
 * trip to the browser process, so one write chain costs ~20 ms, and 5 properties × 1000
 * runs took ~4 minutes, far over the suite's 2-minute budget. The unit tests run on the
 * real IndexedDB in Chromium (mid-transaction abort, key-only lookups, every store
 * operation); the properties explore many random runs of the same code on the fake one.
 * A fresh factory per run is a fresh database per run, and dropping it frees it.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { LabBackend, ManualClock, type Env } from '../../../src/core/index';
import { uniqueDbName } from './backend';

export async function openPropertyLab(env: Env, prefix = 'prop'): Promise<LabBackend> {
  return LabBackend.open({
    dbName: uniqueDbName(prefix),
    env,
    clock: new ManualClock(),
    indexedDB: new IDBFactory(),
    IDBKeyRange: IDBKeyRange as unknown as typeof globalThis.IDBKeyRange,
  });
}

/** Ends a run: waits for the lab's own writes, then closes it. */
export async function closePropertyLab(backend: LabBackend): Promise<void> {
  await backend.idle();
  backend.close();
}
