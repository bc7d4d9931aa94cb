/**
 * Hardening the page against storage trouble: no IndexedDB means an in-memory lab with
 * a visible notice; an imported file is validated (a bad one changes nothing, a good one
 * restores the lab); the active scenario's goal can be read from the lab tab on a phone.
 */
import { expect, test } from '@playwright/test';
import { BTC, idbCandles, openCleanLab, SCREENSHOTS } from './labPage';

test('without IndexedDB the lab runs in memory and says nothing will be kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./#/lab');
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('storage-memory')).toContainText('nothing will be kept');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
});

test('import: a bad file changes nothing and says why; an exported file restores the lab', async ({ page }) => {
  await openCleanLab(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-file').click();
  const exported = await (await downloadPromise).path();
  const before = await idbCandles(page, BTC);

  await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"fault-isolation-lab","version":1,"exported_at":"x","lab":{}}') });
  await expect(page.getByTestId('import-result')).toContainText('Not imported');
  await expect(page.getByTestId('import-result')).toContainText('Nothing was changed');
  expect(await idbCandles(page, BTC)).toEqual(before);

  // Change the lab, then import the export: it is back as it was.
  await page.getByTestId('composer-generate').click();
  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', /^12[1-9]$/);
  await page.getByTestId('import-file').setInputFiles(exported);
  await expect(page.getByTestId('import-result')).toContainText('Imported');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
  expect(await idbCandles(page, BTC)).toEqual(before);
});

test('on a phone the active scenario goal can be read from the lab tab', async ({ page }) => {
  await openCleanLab(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('tab-lesson').click();
  await page.getByTestId('scenario-happy-ingest').getByTestId('scenario-setup').click();
  await expect(page.getByTestId('scenario-happy-ingest').getByTestId('scenario-checks')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('tab-lab').click();
  await expect(page).toHaveURL(/#\/lab$/);
  await page.getByTestId('active-scenario-goal-toggle').click();
  await expect(page.getByTestId('active-scenario-goal')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/active-scenario-phone.png` });
});
