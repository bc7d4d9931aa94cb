/**
 * Helpers for the lab journeys: open a clean lab, read IndexedDB directly (the lab's own
 * database, as the page left it), take screenshots at the two sizes we check by eye.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { CandleRow } from '../../src/core/domain/candle';

export const DB_NAME = 'fault-isolation-lab';
export const BTC = 'binance:futures:BTC/USDT:1m';
export const ETH = 'binance:futures:ETH/USDT:1m';
export const SCREENSHOTS = 'test-results/screenshots';

/** Opens the page on an empty IndexedDB and localStorage, and waits until the lab is seeded. */
export async function openCleanLab(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __LAB_TEST_HOOK__: boolean }).__LAB_TEST_HOOK__ = true;
  });
  await page.goto('./');
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(async () => {
    localStorage.clear();
    sessionStorage.clear();
    const dbs = await indexedDB.databases();
    // The page's open connection closes itself on versionchange (Dexie's default).
    await Promise.all(
      dbs.map(
        (d) =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.deleteDatabase(d.name!);
            req.onsuccess = () => resolve();
            req.onerror = () => reject(req.error);
          }),
      ),
    );
  });
  await page.reload();
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
}

/** Every row of one object store of the lab's database, read with plain IndexedDB. */
export async function idbAll<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    ({ db, store }) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const conn = open.result;
          const req = conn.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => {
            conn.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    { db: DB_NAME, store },
  );
}

export async function idbCandles(page: Page, seriesId: string): Promise<CandleRow[]> {
  const rows = await idbAll<CandleRow>(page, 'candles');
  return rows.filter((r) => r.series_id === seriesId).sort((a, b) => a.candle_time - b.candle_time);
}

export async function idbMeta<T = unknown>(page: Page, key: string): Promise<T | undefined> {
  const rows = await idbAll<{ key: string; value: T }>(page, 'meta');
  return rows.find((r) => r.key === key)?.value;
}

/** Waits until no action is running. */
export async function idle(page: Page): Promise<void> {
  await expect(page.getByTestId('busy')).toHaveAttribute('data-busy', '');
}

/** Generates a batch in the composer: `next` N candles or `overlap` (existing + new). */
export async function composeBatch(page: Page, batch: { next: number } | { overlap: number; fresh: number }, series: string[] = [BTC]): Promise<void> {
  const composer = page.getByTestId('batch-composer');
  for (const box of await composer.getByTestId('composer-series').all()) {
    const want = series.includes((await box.getAttribute('value')) ?? '');
    if ((await box.isChecked()) !== want) await box.setChecked(want);
  }
  if ('next' in batch) {
    await composer.getByTestId('composer-mode-next').check();
    await composer.getByTestId('composer-count').fill(String(batch.next));
  } else {
    await composer.getByTestId('composer-mode-overlap').check();
    await composer.getByTestId('composer-overlap').fill(String(batch.overlap));
    await composer.getByTestId('composer-fresh').fill(String(batch.fresh));
  }
  await composer.getByTestId('composer-generate').click();
  await idle(page);
  const rows = 'next' in batch ? batch.next : batch.overlap + batch.fresh;
  await expect(composer.getByTestId('composer-row')).toHaveCount(rows * series.length);
}

export async function sendBatch(page: Page): Promise<void> {
  await page.getByTestId('composer-send').click();
  await idle(page);
}

export async function armFault(page: Page, point: string, mode: 'once' | 'always' = 'once'): Promise<void> {
  const panel = page.getByTestId('fault-panel');
  await panel.getByTestId('fault-point').selectOption(point);
  await panel.getByTestId('fault-mode').selectOption(mode);
  await panel.getByTestId('arm-fault').click();
  await idle(page);
  await expect(panel.locator(`[data-testid="armed-fault"][data-point="${point}"]`)).toBeVisible();
}

/** Sets flags pending (bools on) and restarts the simulated service. */
export async function enableFlagsAndRestart(page: Page, envNames: string[]): Promise<void> {
  const panel = page.getByTestId('flags-panel');
  for (const env of envNames) {
    await panel.locator(`[data-testid="flag-row"][data-env="${env}"]`).getByTestId('flag-pending-input').check();
    await expect(panel.locator(`[data-testid="flag-row"][data-env="${env}"]`)).toHaveAttribute('data-pending', 'true');
  }
  await panel.getByTestId('restart-service').click();
  await idle(page);
  for (const env of envNames) {
    const row = panel.locator(`[data-testid="flag-row"][data-env="${env}"]`);
    await expect(row).toHaveAttribute('data-pending', 'false');
    await expect(row.getByTestId('flag-current')).toHaveText(/on/);
  }
}

/** Screenshots at 1280×800 and 390×844, with `target` scrolled into view; returns to 1280×800. */
export async function shoot(page: Page, name: string, target?: Locator, pane: 'lab' | 'lesson' = 'lab'): Promise<void> {
  for (const [label, size] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    // On a phone only one pane shows: pick the one the target is in.
    if (label === 'phone' && (await page.getByTestId(`tab-${pane}`).isVisible())) await page.getByTestId(`tab-${pane}`).click();
    if (target) await target.scrollIntoViewIfNeeded();
    await page.waitForTimeout(150); // let the chart redraw at the new size
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${label}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
