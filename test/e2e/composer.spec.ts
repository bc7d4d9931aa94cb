/**
 * Bad input is stopped with a message next to the field and nothing is written: JSON
 * syntax is checked in the page, everything else by the route's 422.
 */
import { expect, test } from '@playwright/test';
import { BTC, composeBatch, idbCandles, idbMeta, openCleanLab, sendBatch, shoot } from './labPage';

test('bad input: a JSON syntax error blocks sending; a 422 marks the field and writes nothing', async ({ page }) => {
  await openCleanLab(page);
  await composeBatch(page, { next: 3 });
  const composer = page.getByTestId('batch-composer');

  await composer.getByTestId('composer-view-json').click();
  const json = composer.getByTestId('composer-json');
  const good = await json.inputValue();
  await json.fill(good.replace('"candles": [', '"candles": [,'));
  await expect(composer.getByTestId('composer-syntax-error')).toContainText('Not valid JSON');
  await expect(composer.getByTestId('composer-send')).toBeDisabled();
  await json.fill(good);
  await expect(composer.getByTestId('composer-syntax-error')).toHaveCount(0);

  // high below low on row 1: the route answers 422 naming candles[1].
  await composer.getByTestId('composer-view-table').click();
  const low = Number(await composer.getByTestId('cell-low-1').inputValue());
  await composer.getByTestId('cell-high-1').fill(String(low - 1));
  await composer.getByTestId('cell-high-1').press('Tab');
  await sendBatch(page);
  await expect(composer.getByTestId('composer-refused')).toBeVisible();
  await expect(composer.getByTestId('cell-error').first()).toContainText('high must be');
  await shoot(page, 'composer-422', composer);

  expect((await idbCandles(page, BTC)).length).toBe(120);
  expect(await idbMeta(page, 'ui.runs')).toBeUndefined();
  await expect(page.getByTestId('history-run')).toHaveCount(0);
});
