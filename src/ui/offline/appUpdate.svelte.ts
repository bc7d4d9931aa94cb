/**
 * Offline support and updates (vite-plugin-pwa). The service worker precaches the whole
 * static site; when a new version is deployed it waits, and the page offers it. The
 * learner chooses when to reload, so no work is lost mid-lesson. Registration waits until
 * the lab has shown (App.svelte), so neither the registration code nor the precache
 * download competes with the first view.
 */

class AppUpdate {
  /** A new version is installed and waiting for the learner's go-ahead. */
  waiting = $state(false);
  /** Everything is cached: the lab works without a network from now on. */
  offlineReady = $state(false);
  private apply: ((reload?: boolean) => Promise<void>) | null = null;

  private started = false;

  async start(): Promise<void> {
    if (this.started || !('serviceWorker' in navigator)) return;
    this.started = true;
    const { registerSW } = await import('virtual:pwa-register');
    this.apply = registerSW({
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async update(): Promise<void> {
    await this.apply?.(true);
  }

  dismiss(): void {
    this.waiting = false;
    this.offlineReady = false;
  }
}

export const appUpdate = new AppUpdate();
