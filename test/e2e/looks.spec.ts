/** Screenshots of the main states in dark mode and in Chinese, to be looked at by eye. */
import { expect, test } from '@playwright/test';
import { armFault, composeBatch, enableFlagsAndRestart, openCleanLab, sendBatch, shoot } from './labPage';

test('dark mode and Chinese render the compensated run', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openCleanLab(page);
  await enableFlagsAndRestart(page, ['TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES']);
  await armFault(page, 'factor.ingest_closed');
  await composeBatch(page, { overlap: 3, fresh: 3 });
  await sendBatch(page);
  await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-rolled-back', '3');
  await shoot(page, 'dark-chart', page.getByTestId('chart-panel'));
  await shoot(page, 'dark-run', page.getByTestId('run-view'));
  await shoot(page, 'dark-flags', page.getByTestId('flags-panel'));

  await page.getByTestId('lang-select').selectOption('zh');
  await expect(page.getByTestId('run-view')).toContainText('运行详情');
  await expect(page.getByTestId('run-view').getByTestId('error-message')).toContainText('ingest_pipeline_failed:factor.ingest_closed');
  await shoot(page, 'zh-run', page.getByTestId('run-view'));
  await shoot(page, 'zh-faults', page.getByTestId('fault-panel'));
});
