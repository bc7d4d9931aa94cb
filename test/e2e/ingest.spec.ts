/**
 * Ingest journeys: what the learner sees after a batch (steps, error, chart, ledger) and
 * what IndexedDB holds afterwards, for the happy path, a factor failure with and without
 * new-candle compensation, an overlay failure with overlay reset, and a failing compensation.
 */
import { expect, test, type Page } from '@playwright/test';
import { BTC, ETH, armFault, composeBatch, enableFlagsAndRestart, idbAll, idbCandles, idbMeta, idle, openCleanLab, sendBatch, shoot } from './labPage';

/** Seeded history: 120 one-minute candles from 2026-01-05 00:00 UTC. */
const HISTORY_START = 1767571200;
const LAST_SEEDED = HISTORY_START + 119 * 60;
const NEXT_TIMES = (n: number) => Array.from({ length: n }, (_, i) => LAST_SEEDED + (i + 1) * 60);
const LAST_EXISTING = (n: number) => Array.from({ length: n }, (_, i) => LAST_SEEDED - (n - 1 - i) * 60);

async function stepStates(page: Page, series: string): Promise<string[]> {
  const rows = page.getByTestId('run-view').locator(`[data-testid="step-row"][data-series="${series}"]`);
  return rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}=${e.getAttribute('data-state')}`));
}

function errorField(page: Page, field: string) {
  return page.getByTestId('run-view').getByTestId(`error-field-${field}`).locator('td');
}

test('a happy ingest shows three ok steps per series', async ({ page }) => {
  await openCleanLab(page);

  await composeBatch(page, { next: 5 });
  await expect(page.getByTestId('composer-route')).toHaveText('POST /api/market/ingest/candles_closed_batch');
  await sendBatch(page);
  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response-status')).toHaveText(/HTTP 200/);
  expect(await stepStates(page, BTC)).toEqual(['store.upsert_many_closed=ok', 'factor.ingest_closed=ok', 'overlay.ingest_closed=ok']);
  await expect(run.getByTestId('count-written')).toHaveText('5');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '125');
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-new', '5');

  // Two series in one pipeline run: three ok steps for each.
  await composeBatch(page, { next: 4 }, [BTC, ETH]);
  await expect(page.getByTestId('composer-route')).toHaveText('POST /lab/pipeline/run');
  await sendBatch(page);
  await expect(run.getByTestId('run-response-status')).toHaveText(/HTTP 200/);
  await expect(run.getByTestId('step-row')).toHaveCount(6);
  for (const s of [BTC, ETH]) {
    expect(await stepStates(page, s)).toEqual(['store.upsert_many_closed=ok', 'factor.ingest_closed=ok', 'overlay.ingest_closed=ok']);
    await expect(page.locator(`[data-testid="ledger-series"][data-series="${s}"]`)).toHaveAttribute('data-in-sync', 'true');
  }
  await shoot(page, 'happy-multi-series-run', run);

  expect((await idbCandles(page, BTC)).length).toBe(129);
  expect((await idbCandles(page, ETH)).length).toBe(124);
  const overlayState = await idbAll<{ series_id: string; head_time: number }>(page, 'overlay_series_state');
  expect(overlayState.find((r) => r.series_id === BTC)?.head_time).toBe(LAST_SEEDED + 9 * 60);
});

test('a factor fault with no compensation leaves the new candles and answers 500', async ({ page }) => {
  await openCleanLab(page);
  await armFault(page, 'factor.ingest_closed');
  await composeBatch(page, { overlap: 3, fresh: 3 });
  await sendBatch(page);

  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response-status')).toContainText('HTTP 500');
  await expect(run.getByTestId('run-response-detail')).toHaveText(`ingest_pipeline_failed:factor.ingest_closed:${BTC}`);
  expect(await stepStates(page, BTC)).toEqual(['store.upsert_many_closed=ok', 'factor.ingest_closed=failed', 'overlay.ingest_closed=not_reached']);
  await expect(errorField(page, 'step')).toHaveText('"factor.ingest_closed"');
  await expect(errorField(page, 'compensated')).toHaveText('false');
  await expect(errorField(page, 'candle_compensated_rows')).toHaveText('0');
  await expect(run.getByTestId('error-message')).toHaveText(`ingest_pipeline_failed:factor.ingest_closed:${BTC}:injected fault at factor.ingest_closed`);
  // The operator's event beside the client's short answer.
  await expect(run.getByTestId('run-debug-event')).toContainText('write.http.ingest_candles_closed_batch_error');
  await expect(run.getByTestId('count-written')).toHaveText('3');
  await expect(run.getByTestId('count-overwritten')).toHaveText('3');
  await expect(run.getByTestId('count-rolled-back')).toHaveText('0');

  // Chart and ledger: the new candles are there, orphaned (factor head behind).
  const chart = page.getByTestId('candle-chart');
  await expect(chart).toHaveAttribute('data-candles', '123');
  await expect(chart).toHaveAttribute('data-new', '3');
  await expect(chart).toHaveAttribute('data-overwritten', '3');
  await expect(chart).toHaveAttribute('data-rolled-back', '0');
  const ledger = page.locator(`[data-testid="ledger-series"][data-series="${BTC}"]`);
  await expect(ledger).toHaveAttribute('data-candle-count', '123');
  await expect(ledger).toHaveAttribute('data-in-sync', 'false');
  await shoot(page, 'factor-fault-no-compensation', page.getByTestId('chart-panel'));
  await shoot(page, 'factor-fault-no-compensation-run', run);

  // The operator's view: filter the debug hub down to errors.
  const hub = page.getByTestId('debug-hub');
  await hub.getByTestId('debug-filter-level').selectOption('error');
  await expect(hub.getByTestId('debug-event')).toHaveCount(1);
  await expect(hub.getByTestId('debug-event')).toHaveAttribute('data-event', 'write.http.ingest_candles_closed_batch_error');

  // What if new-candle compensation had been on? Same batch, same fault, same start.
  const whatIf = page.getByTestId('what-if');
  await whatIf.getByTestId('whatif-flag').selectOption('TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES');
  await whatIf.getByTestId('whatif-run-button').click();
  await idle(page);
  await expect(whatIf.getByTestId('whatif-error-a').getByTestId('error-field-candle_compensated_rows').locator('td')).toHaveText('0');
  await expect(whatIf.getByTestId('whatif-error-b').getByTestId('error-field-candle_compensated_rows').locator('td')).toHaveText('3');
  await expect(whatIf.getByTestId('whatif-blast-b').getByTestId('blast-verdict')).toContainText('3 rolled back');
  await shoot(page, 'what-if', whatIf);

  // The learner's own lab was not touched by the what-if runs.
  const times = (await idbCandles(page, BTC)).map((c) => c.candle_time);
  expect(times.length).toBe(123);
  for (const t of NEXT_TIMES(3)) expect(times).toContain(t);
  const factorState = await idbAll<{ series_id: string; head_time: number }>(page, 'factor_series_state');
  expect(factorState.find((r) => r.series_id === BTC)?.head_time).toBe(LAST_SEEDED);
  const events = await idbAll<{ event: string; level: string; data: Record<string, unknown> }>(page, 'debug_events');
  const err = events.find((e) => e.event === 'write.http.ingest_candles_closed_batch_error');
  expect(err?.data).toMatchObject({ step: 'factor.ingest_closed', compensated: false, candle_compensated_rows: 0 });
});

test('with new-candle compensation the new candles are rolled back and overwritten older ones remain', async ({ page }) => {
  await openCleanLab(page);
  await enableFlagsAndRestart(page, ['TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES']);
  const before = await idbCandles(page, BTC);
  await armFault(page, 'factor.ingest_closed');
  await composeBatch(page, { overlap: 3, fresh: 3 });
  await sendBatch(page);

  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response-status')).toContainText('HTTP 500');
  await expect(errorField(page, 'compensated')).toHaveText('true');
  await expect(errorField(page, 'candle_compensated_rows')).toHaveText('3');
  await expect(errorField(page, 'compensation_error')).toHaveText('null');
  await expect(run.getByTestId('error-message')).toHaveText(`ingest_pipeline_failed:factor.ingest_closed:${BTC}:injected fault at factor.ingest_closed:compensated:candle_rows:3`);
  await expect(run.locator('[data-testid="step-row"][data-step="store.upsert_many_closed"]').getByTestId('step-compensated')).toBeVisible();
  await expect(run.getByTestId('count-rolled-back')).toHaveText('3');

  const chart = page.getByTestId('candle-chart');
  await expect(chart).toHaveAttribute('data-candles', '120');
  await expect(chart).toHaveAttribute('data-rolled-back', '3');
  await expect(chart).toHaveAttribute('data-overwritten', '3');
  await expect(chart).toHaveAttribute('data-new', '0');
  await expect(page.getByTestId('chart-summary')).toContainText('3 rolled back');

  const verdict = page.getByTestId('blast-radius').getByTestId('blast-verdict');
  await expect(verdict).toHaveAttribute('data-only-new-removed', 'true');
  await expect(verdict).toContainText('Only rows added by this run were removed (3 rolled back); 117 older candles untouched.');
  const rollback = page.getByTestId('rollback-compare').getByTestId('rollback-series');
  await expect(rollback).toHaveAttribute('data-minimal', '3');
  await expect(rollback).toHaveAttribute('data-naive', '6');
  await expect(rollback).toHaveAttribute('data-history-lost', '3');
  await shoot(page, 'compensated-rolled-back-chart', page.getByTestId('chart-panel'));
  await shoot(page, 'compensated-rollback-compare', page.getByTestId('rollback-compare'));

  // IndexedDB: back to the 120 older candles, the overwritten three with the batch's values.
  const after = await idbCandles(page, BTC);
  expect(after.map((c) => c.candle_time)).toEqual(before.map((c) => c.candle_time));
  for (const t of NEXT_TIMES(3)) expect(after.some((c) => c.candle_time === t)).toBe(false);
  const sent = await page.evaluate(() => {
    const lab = (window as unknown as { __lab: { history: { runs: { trace: { request: { body: { candles: { candle_time: number; close: number }[] } } } }[] } } }).__lab;
    return lab.history.runs.at(-1)!.trace.request.body.candles;
  });
  for (const t of LAST_EXISTING(3)) {
    const stored = after.find((c) => c.candle_time === t)!;
    const old = before.find((c) => c.candle_time === t)!;
    expect(stored.close).toBe(sent.find((c) => c.candle_time === t)!.close);
    expect(stored.close).not.toBe(old.close);
  }
});

test('an overlay fault with overlay reset on shows overlay_compensated', async ({ page }) => {
  await openCleanLab(page);
  await enableFlagsAndRestart(page, ['TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR']);
  await armFault(page, 'overlay.ingest_closed');
  await composeBatch(page, { next: 5 });
  await sendBatch(page);

  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response-detail')).toHaveText(`ingest_pipeline_failed:overlay.ingest_closed:${BTC}`);
  expect(await stepStates(page, BTC)).toEqual(['store.upsert_many_closed=ok', 'factor.ingest_closed=ok', 'overlay.ingest_closed=failed']);
  await expect(errorField(page, 'overlay_compensated')).toHaveText('true');
  await expect(errorField(page, 'compensated')).toHaveText('true');
  await expect(run.locator('[data-testid="step-row"][data-step="overlay.ingest_closed"]').getByTestId('step-compensated')).toContainText('overlay.reset_series');
  await expect(run.getByTestId('error-message')).toHaveText(/:compensated:overlay_reset$/);
  // The chart draws what the overlay store holds: nothing, and says so.
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-overlay-markers', '0');
  await expect(page.getByTestId('chart-overlay-stale')).toBeVisible();
  await shoot(page, 'overlay-compensated-run', run);

  const versions = await idbAll<{ series_id: string }>(page, 'overlay_versions');
  expect(versions.filter((v) => v.series_id === BTC)).toHaveLength(0);
  expect(versions.filter((v) => v.series_id === ETH).length).toBeGreaterThan(0);
  const heads = await idbAll<{ series_id: string }>(page, 'overlay_series_state');
  expect(heads.some((h) => h.series_id === BTC)).toBe(false);
  expect((await idbCandles(page, BTC)).length).toBe(125);
});

test('a failing compensation shows compensation_error', async ({ page }) => {
  await openCleanLab(page);
  await enableFlagsAndRestart(page, ['TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES']);
  await armFault(page, 'factor.ingest_closed');
  await armFault(page, 'store.delete_closed_times');
  await composeBatch(page, { next: 5 });
  await sendBatch(page);

  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response-status')).toContainText('HTTP 500');
  await expect(errorField(page, 'compensation_error')).toHaveText('"injected fault at store.delete_closed_times"');
  await expect(errorField(page, 'compensated')).toHaveText('false');
  await expect(errorField(page, 'candle_compensated_rows')).toHaveText('0');
  await expect(run.getByTestId('error-message')).toHaveText(/:compensation_error:injected fault at store\.delete_closed_times$/);
  await expect(run.getByTestId('run-debug-data')).toContainText('"compensation_error": "injected fault at store.delete_closed_times"');
  await shoot(page, 'compensation-error-run', run);

  // The delete failed: the new candles are still stored.
  const times = (await idbCandles(page, BTC)).map((c) => c.candle_time);
  expect(times.length).toBe(125);
  for (const t of NEXT_TIMES(5)) expect(times).toContain(t);
});

test('a crash between store and factor: no answer, the service stays down until restarted', async ({ page }) => {
  await openCleanLab(page);
  await armFault(page, 'crash.after_store');
  await composeBatch(page, { next: 4 });
  await sendBatch(page);

  const run = page.getByTestId('run-view');
  await expect(run.getByTestId('run-response')).toHaveAttribute('data-status', '0');
  await expect(run.getByTestId('step-crash')).toContainText('crash.after_store');
  expect(await stepStates(page, BTC)).toEqual(['store.upsert_many_closed=ok', 'factor.ingest_closed=not_reached', 'overlay.ingest_closed=not_reached']);
  await expect(page.getByTestId('service-status')).toHaveAttribute('data-tone', 'fail');
  expect(await idbMeta(page, 'service_status')).toBe('crashed');
  expect((await idbCandles(page, BTC)).length).toBe(124);
  await shoot(page, 'crashed', page.getByTestId('lab-ready'));

  await page.getByTestId('toolbar-restart').click();
  await idle(page);
  await expect(page.getByTestId('service-status')).toHaveAttribute('data-tone', 'ok');
  expect(await idbMeta(page, 'service_status')).toBe('running');
});
