/**
 * Seeding the first visit's history is marked as under way until it ends: a page that went
 * away halfway leaves the mark, and the next visit seeds again instead of keeping half a
 * lab. Two tabs opening a new lab at once seed it once between them.
 */
import { expect, test, type Page } from '@playwright/test';
import { BTC, DB_NAME, ETH, idbCandles, idbMeta, openCleanLab } from './labPage';

/** Leaves the lab as a seeding cut short after the first series would: ETH's candles gone, the mark still 'pending'. */
async function cutSeedingShort(page: Page): Promise<void> {
  await page.evaluate(
    ({ db, eth }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const conn = open.result;
          const tx = conn.transaction(['candles', 'meta'], 'readwrite');
          tx.objectStore('candles').delete(IDBKeyRange.bound([eth, -Infinity], [eth, Infinity]));
          tx.objectStore('meta').put({ key: 'ui.seeded', value: 'pending' });
          tx.oncomplete = () => {
            conn.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: DB_NAME, eth: ETH },
  );
}

test('a seeding cut short is started over on the next visit', async ({ page }) => {
  await openCleanLab(page);
  await cutSeedingShort(page);
  expect(await idbCandles(page, ETH)).toHaveLength(0);

  await page.reload();
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(`[data-testid="ledger-series"][data-series="${ETH}"]`)).toHaveAttribute('data-candle-count', '120');
  await expect(page.locator(`[data-testid="ledger-series"][data-series="${ETH}"]`)).toHaveAttribute('data-in-sync', 'true');
  expect(await idbCandles(page, ETH)).toHaveLength(120);
  expect(await idbCandles(page, BTC)).toHaveLength(120);
  expect(await idbMeta(page, 'ui.seeded')).toBe(true);
});

test('two tabs opening a new lab at once end with one seeded, consistent lab', async ({ browser }) => {
  const context = await browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto('./#/lab'), b.goto('./#/lab')]);
  for (const page of [a, b]) {
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    for (const series of [BTC, ETH]) {
      const card = page.locator(`[data-testid="ledger-series"][data-series="${series}"]`);
      await expect(card).toHaveAttribute('data-candle-count', '120');
      await expect(card).toHaveAttribute('data-in-sync', 'true');
    }
  }
  expect(await idbCandles(a, BTC)).toHaveLength(120);
  expect(await idbMeta(a, 'ui.seeded')).toBe(true);
  await context.close();
});
