/**
 * The course side of the page: answering a checkpoint question wrongly then rightly,
 * predicting a run, switching language, progress kept across a reload, and a broken
 * share link refused with a message while the lab stays as it was.
 */
import { expect, test } from '@playwright/test';
import { BTC, idbCandles, openCleanLab, SCREENSHOTS } from './labPage';

async function openCheckpoint(page: import('@playwright/test').Page) {
  const tab = page.getByTestId('tab-lesson');
  if (await tab.isVisible()) await tab.click();
  await page.getByTestId('lesson-pane').locator('summary').first().click();
  await page.getByTestId('toc-checkpoint').click();
  await expect(page.getByTestId('section-title')).toBeFocused();
}

test('a checkpoint question: wrong answer gets its feedback, the right one is accepted; a prediction is graded', async ({ page }) => {
  await openCleanLab(page);
  await openCheckpoint(page);
  const q2 = page.getByTestId('question-2');

  await q2.getByTestId('choice-restore').check();
  await q2.getByTestId('choice-submit').click();
  await expect(q2.getByTestId('choice-result')).toHaveText(/Not quite/);
  await expect(q2.getByTestId('feedback-restore')).toContainText('wrong');
  await expect(q2.getByTestId('model-reveal')).toBeVisible();

  await q2.getByTestId('choice-history').check();
  await q2.getByTestId('choice-submit').click();
  await expect(q2.getByTestId('choice-result')).toHaveText('Correct.');
  await expect(q2.getByTestId('feedback-history')).toContainText('right');
  await expect(q2.getByTestId('feedback-restore')).toBeVisible(); // every option explained once right

  // Predict, then run (in a scratch lab: the learner's lab is not touched).
  const before = await idbCandles(page, BTC);
  await q2.getByTestId('predict-status').selectOption('500');
  await q2.getByTestId('predict-rows').selectOption({ index: 1 });
  await q2.getByTestId('predict-new').selectOption('no');
  await q2.getByTestId('predict-overwritten').selectOption({ index: 1 });
  await q2.getByTestId('predict-run').click();
  const grades = q2.getByTestId('predict-grades');
  await expect(grades).toBeVisible({ timeout: 20_000 });
  await expect(grades.locator('li').first()).toContainText('right'); // status 500
  await expect(grades.locator('li').nth(2)).toContainText('right'); // the new candles are gone
  expect(await idbCandles(page, BTC)).toEqual(before);

  await q2.getByTestId('model-reveal').click();
  await expect(q2.getByTestId('model-answer')).toContainText('new_candle_times');
  await q2.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/question-feedback-desktop.png` });

  // Progress survives a reload.
  await page.reload();
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await openCheckpoint(page);
  await expect(page.getByTestId('question-2').getByTestId('choice-result')).toHaveText('Correct.');
  await expect(page.getByTestId('question-2').getByTestId('model-answer')).toBeVisible();
  await expect(page.getByTestId('lesson-pane').locator('summary').first()).toContainText('1 of 11');
});

test('switching language changes the lesson and the lab, keeps names verbatim, and is remembered', async ({ page }) => {
  await openCleanLab(page);
  await page.getByTestId('lang-select').selectOption('zh');
  await expect(page.getByTestId('section-title')).toHaveText('一句话总纲');
  await expect(page.getByTestId('lesson-pane')).toContainText('IngestPipeline');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: `${SCREENSHOTS}/chinese-desktop.png` });
  await page.reload();
  await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('section-title')).toHaveText('一句话总纲');
  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('section-title')).toHaveText('The principle in one line');
});

test('a corrupted share link shows what is wrong and changes nothing; a good one loads', async ({ page }) => {
  await openCleanLab(page);
  const before = await idbCandles(page, BTC);
  await page.goto('./#/share/eyJ2IjoxLCJraW5kIjoic2NlbmFyaW8iLCJzY2VuYXJpbyI6ImhhcHB5LWlu');
  await expect(page.getByTestId('share-error')).toContainText(/damaged|not valid/);
  await expect(page.getByTestId('share-error')).toContainText('Nothing in your lab was changed');
  expect(await idbCandles(page, BTC)).toEqual(before);
  await page.screenshot({ path: `${SCREENSHOTS}/share-error-desktop.png` });

  // A scenario link with one ingest: the lab replays it (120 history + 3 new candles).
  const shared = { v: 1, kind: 'scenario', scenario: 'happy-ingest', actions: [{ do: 'ingest', series_id: BTC, batch: { kind: 'next', count: 3 } }] };
  const code = Buffer.from(JSON.stringify(shared)).toString('base64url');
  await page.goto(`./#/share/${code}`);
  await expect(page.getByTestId('share-loaded')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '123');
  expect(await idbCandles(page, BTC)).toHaveLength(123);
});
