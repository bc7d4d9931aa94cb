/**
 * Two tabs on the same lab share one IndexedDB database. After a change, a tab tells the
 * others over a BroadcastChannel; they reopen the backend from the database, so their
 * in-memory service (env, status, faults, debug log) matches what is stored.
 */
export interface TabMessage {
  type: 'lab_changed';
  from: string;
}

export class TabSync {
  private readonly channel: BroadcastChannel | null;
  readonly tabId = globalThis.crypto.randomUUID();

  constructor(name: string, onChange: () => void) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    this.channel?.addEventListener('message', (e: MessageEvent<TabMessage>) => {
      if (e.data?.type === 'lab_changed' && e.data.from !== this.tabId) onChange();
    });
  }

  changed(): void {
    this.channel?.postMessage({ type: 'lab_changed', from: this.tabId } satisfies TabMessage);
  }

  close(): void {
    this.channel?.close();
  }
}
