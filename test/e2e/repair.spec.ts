/**
 * The read side and the repair path: a tampered overlay makes the draw read answer 409;
 * repair with its flags off answers 404 and names them; with the flags on after a restart
 * the repair runs its steps and the draw read answers 200.
 */
import { expect, test } from '@playwright/test';
import { BTC, enableFlagsAndRestart, idbAll, idbMeta, idle, openCleanLab, shoot } from './labPage';

test('tampered overlay → 409, repair 404 with the flags off, repair after restart → 200', async ({ page }) => {
  await openCleanLab(page);
  const versionsBefore = (await idbAll<{ series_id: string }>(page, 'overlay_versions')).filter((v) => v.series_id === BTC).length;

  // Tamper: one marker instruction deleted from the overlay store.
  await page.getByTestId('tamper-how').selectOption('delete');
  await page.getByTestId('tamper-overlay').click();
  await idle(page);
  const ledger = page.locator(`[data-testid="ledger-series"][data-series="${BTC}"]`);
  await expect(ledger).toHaveAttribute('data-in-sync', 'false');
  expect((await idbAll<{ series_id: string }>(page, 'overlay_versions')).filter((v) => v.series_id === BTC).length).toBe(versionsBefore - 1);

  // The draw read refuses and says why.
  const draw = page.getByTestId('draw-read');
  await draw.getByTestId('draw-read-button').click();
  await idle(page);
  await expect(draw.getByTestId('draw-result')).toHaveAttribute('data-status', '409');
  await expect(draw.getByTestId('draw-response-detail')).toHaveText('ledger_out_of_sync:overlay');
  await expect(draw.getByTestId('draw-reason')).toHaveText('overlay_integrity_mismatch');
  await shoot(page, 'draw-read-409', draw);

  // Repair with the flags off: the route does not exist, and the panel names the flags.
  const repair = page.getByTestId('repair-flow');
  await repair.getByTestId('repair-button').click();
  await idle(page);
  await expect(repair.getByTestId('repair-result')).toHaveAttribute('data-status', '404');
  await expect(repair.getByTestId('repair-404-flag')).toContainText('TRADE_CANVAS_ENABLE_DEV_API');
  await expect(repair.getByTestId('repair-404-flag')).toContainText('TRADE_CANVAS_ENABLE_READ_REPAIR_API');
  await shoot(page, 'repair-404', repair);

  // Flags on, service restarted: the repair runs each step and verifies the heads.
  await enableFlagsAndRestart(page, ['TRADE_CANVAS_ENABLE_DEV_API', 'TRADE_CANVAS_ENABLE_READ_REPAIR_API']);
  await repair.getByTestId('repair-button').click();
  await idle(page);
  await expect(repair.getByTestId('repair-result')).toHaveAttribute('data-status', '200');
  const steps = await repair.getByTestId('repair-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-name')}:${e.getAttribute('data-status')}`));
  for (const s of ['align:ok', 'refresh_series:start', 'refresh_series:ok', 'overlay.reset_series:ok', 'overlay.ingest_closed:ok', 'verify:ok']) expect(steps).toContain(s);
  expect(steps.indexOf('overlay.reset_series:ok')).toBeLessThan(steps.indexOf('overlay.ingest_closed:ok'));
  await expect(repair.getByTestId('repair-heads')).toBeVisible();
  await expect(ledger).toHaveAttribute('data-in-sync', 'true');
  await shoot(page, 'repair-200', repair);

  await draw.getByTestId('draw-read-button').click();
  await idle(page);
  await expect(draw.getByTestId('draw-result')).toHaveAttribute('data-status', '200');

  // IndexedDB: the overlay redrawn in full, the flags kept as the service's env.
  expect((await idbAll<{ series_id: string }>(page, 'overlay_versions')).filter((v) => v.series_id === BTC).length).toBeGreaterThanOrEqual(versionsBefore);
  const env = await idbMeta<Record<string, string>>(page, 'service_env');
  expect(env).toMatchObject({ TRADE_CANVAS_ENABLE_DEV_API: '1', TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1' });
  const events = await idbAll<{ event: string }>(page, 'debug_events');
  expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['read.http.draw_delta.overlay_out_of_sync', 'read.http.overlay_repair']));
});
