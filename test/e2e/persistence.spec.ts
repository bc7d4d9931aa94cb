/**
 * What survives: a reload keeps the runs, the armed faults, the pending flags and the
 * ledger; a second tab follows the first; step back and reset restore exact states.
 */
import { expect, test } from '@playwright/test';
import { BTC, armFault, composeBatch, idbCandles, idbMeta, idle, openCleanLab, sendBatch, shoot } from './labPage';

test('the state survives a reload', async ({ page }) => {
  await openCleanLab(page);
  await armFault(page, 'factor.ingest_closed');
  await composeBatch(page, { overlap: 3, fresh: 3 });
  await sendBatch(page);
  await armFault(page, 'overlay.ingest_closed', 'always');
  // A pending flag, not applied: it must stay pending across the reload.
  const row = page.locator('[data-testid="flag-row"][data-env="TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR"]');
  await row.getByTestId('flag-pending-input').check();
  await expect(row).toHaveAttribute('data-pending', 'true');

  await page.reload();
  await expect(page.getByTestId('lab-ready')).toBeVisible();
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  await expect(page.getByTestId('run-view').getByTestId('run-response-status')).toContainText('HTTP 500');
  await expect(page.getByTestId('run-view').getByTestId('error-field-step')).toContainText('factor.ingest_closed');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '123');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-new', '3');
  await expect(page.getByTestId('armed-fault')).toHaveCount(2);
  await expect(page.locator('[data-testid="armed-fault"][data-point="factor.ingest_closed"]')).toHaveAttribute('data-spent', 'true');
  await expect(page.locator('[data-testid="armed-fault"][data-point="overlay.ingest_closed"]')).toHaveAttribute('data-spent', 'false');
  await expect(row).toHaveAttribute('data-pending', 'true');
  await expect(row.getByTestId('flag-current')).toHaveText('off');
  await expect(page.getByTestId('flags-pending-count')).toBeVisible();
  await shoot(page, 'after-reload', page.getByTestId('fault-panel'));

  expect((await idbCandles(page, BTC)).length).toBe(123);
  expect(await idbMeta<unknown[]>(page, 'ui.runs')).toHaveLength(1);
  expect(await idbMeta(page, 'ui.pending_env')).toMatchObject({ env: { TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: '1' } });
  const faults = await idbMeta<{ faults: { point: string }[] }>(page, 'armed_faults');
  expect(faults?.faults.map((f) => f.point)).toEqual(['factor.ingest_closed', 'overlay.ingest_closed']);
});

test('a second tab follows the first', async ({ page, context }) => {
  await openCleanLab(page);
  const other = await context.newPage();
  await other.goto('./');
  await expect(other.getByTestId('lab-ready')).toBeVisible();
  await expect(other.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');

  await armFault(page, 'factor.ingest_closed');
  await expect(other.locator('[data-testid="armed-fault"][data-point="factor.ingest_closed"]')).toBeVisible();
  await composeBatch(page, { next: 5 });
  await sendBatch(page);
  await expect(other.getByTestId('candle-chart')).toHaveAttribute('data-candles', '125');
  await expect(other.getByTestId('history-run')).toHaveCount(1);
  await expect(other.getByTestId('run-view').getByTestId('run-response-status')).toContainText('HTTP 500');
  await other.close();
});

test('step back restores the state before a run; reset asks first, then reseeds', async ({ page }) => {
  await openCleanLab(page);
  const seeded = await idbCandles(page, BTC);
  await composeBatch(page, { next: 5 });
  await sendBatch(page);
  await composeBatch(page, { overlap: 2, fresh: 2 });
  await sendBatch(page);
  await expect(page.getByTestId('history-run')).toHaveCount(2);
  expect((await idbCandles(page, BTC)).length).toBe(127);

  // Step back to before run #1: both runs are forgotten, the candles are the seeded ones again.
  await page.locator('[data-testid="history-run"][data-run-id="1"]').getByTestId('history-step-back').click();
  await page.getByTestId('history-step-back-yes').click();
  await idle(page);
  await expect(page.getByTestId('history-run')).toHaveCount(0);
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
  expect(await idbCandles(page, BTC)).toEqual(seeded);

  // Reset asks for confirmation; cancelling changes nothing.
  await composeBatch(page, { next: 3 });
  await sendBatch(page);
  await page.getByTestId('reset-lab').click();
  await expect(page.getByTestId('reset-confirm')).toBeVisible();
  await shoot(page, 'reset-confirm', page.getByTestId('run-history'));
  await page.getByTestId('reset-confirm-no').click();
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  await page.getByTestId('reset-lab').click();
  await page.getByTestId('reset-confirm-yes').click();
  await idle(page);
  await expect(page.getByTestId('history-run')).toHaveCount(0);
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
  expect(await idbCandles(page, BTC)).toEqual(seeded);
  expect(await idbMeta(page, 'ui.runs')).toBeUndefined();
});
