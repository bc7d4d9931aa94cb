import { Dexie } from 'dexie';

/**
 * Runs `work` outside any Dexie transaction the caller happens to be inside. Without this,
 * a write started from code running within another transaction (e.g. a fault counter
 * saved while the store step's transaction is open) joins that transaction and fails
 * when it does not cover the table.
 */
export function outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
  return Dexie.ignoreTransaction(work);
}
