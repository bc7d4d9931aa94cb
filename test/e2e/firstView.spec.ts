/**
 * The first view ships only what the first screen needs; the panels below the chart and
 * the lesson's scenarios follow right after. When the panels' file cannot be fetched, the
 * lab above them still works, the page says what failed, and a retry brings them.
 */
import { expect, test } from '@playwright/test';

test('the panels come after the lab shows; a failed fetch says so and a retry brings them', async ({ page }) => {
  let blocked = true;
  await page.route('**/assets/LabPanels-*.js', (route) => (blocked ? route.abort('failed') : route.continue()));
  await page.goto('./#/lab');

  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
  const failed = page.getByTestId('panels-failed');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('LabPanels');
  await expect(page.getByTestId('composer-count')).toHaveCount(0);

  blocked = false;
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('composer-count')).toBeVisible();
  await expect(failed).toHaveCount(0);
  // The panels' own strings arrived with them (a missing one would show its key).
  await expect(page.getByRole('heading', { name: 'Batch composer' })).toBeVisible();
});
