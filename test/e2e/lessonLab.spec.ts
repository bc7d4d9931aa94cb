/**
 * The lesson and the lab share one backend: a scenario's setup shows up in the lab
 * panels, and the learner's own request in the lab meets the scenario's goal.
 */
import { expect, test } from '@playwright/test';
import { BTC, composeBatch, idbMeta, openCleanLab, sendBatch, shoot } from './labPage';

test('a scenario set up from the lesson is what the lab shows, and the lab run meets its goal', async ({ page }) => {
  await openCleanLab(page);
  await page.getByTestId('section-next').click();
  const card = page.getByTestId('scenario-factor-fails-orphans');
  await card.getByTestId('scenario-setup').click();
  await expect(card.getByTestId('scenario-checks')).toBeVisible();

  // The setup armed its fault and wiped the history: the lab panels show that.
  await expect(page.locator('[data-testid="armed-fault"][data-point="factor.ingest_closed"]')).toBeVisible();
  await expect(page.getByTestId('history-run')).toHaveCount(0);
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');

  await composeBatch(page, { next: 3 });
  await sendBatch(page);
  await expect(page.getByTestId('run-view').getByTestId('run-response-status')).toContainText('HTTP 500');
  await expect(card.getByTestId('scenario-success')).toBeVisible();
  await shoot(page, 'lesson-scenario-met', card, 'lesson');

  const runs = await idbMeta<{ series: string[] }[]>(page, 'ui.runs');
  expect(runs?.map((r) => r.series)).toEqual([[BTC]]);
});
