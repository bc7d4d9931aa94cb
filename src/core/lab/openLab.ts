/**
 * Opening the lab where IndexedDB may not be there (private modes, storage disabled, an
 * open that throws): the lab then runs on an in-memory IndexedDB (fake-indexeddb, loaded
 * only in that case) and says so, so the page can tell the learner nothing will be kept.
 */
import { LabBackend, type LabBackendOptions } from './labBackend';

export interface OpenedLab {
  backend: LabBackend;
  /** False when the lab runs in memory: nothing survives a reload. */
  persistent: boolean;
  /** Why IndexedDB could not be used, when it could not. */
  reason: string | null;
}

export async function openLabWithFallback(options: LabBackendOptions): Promise<OpenedLab> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
    return { backend: await LabBackend.open(options), persistent: true, reason: null };
  } catch (e) {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const memory = await import('fake-indexeddb');
    const backend = await LabBackend.open({ ...options, indexedDB: new memory.IDBFactory(), IDBKeyRange: memory.IDBKeyRange });
    return { backend, persistent: false, reason };
  }
}
