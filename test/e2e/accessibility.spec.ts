/**
 * axe on every view in both languages, at desktop and phone widths: no serious or
 * critical violations. And a journey done with the keyboard alone.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { idle, openCleanLab } from './labPage';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const lang of ['en', 'zh'] as const) {
  test(`axe finds no serious violations (${lang})`, async ({ page }) => {
    await openCleanLab(page);
    await page.getByTestId('lang-select').selectOption(lang);
    // Desktop: lesson beside lab; then the checkpoint section with its questions.
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('lesson-pane').locator('summary').first().click();
    await page.getByTestId('toc-checkpoint').click();
    expect(await seriousViolations(page)).toEqual([]);
    // Phone: each tab.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['lesson', 'lab'] as const) {
      await page.getByTestId(`tab-${tab}`).click();
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
}

test('the keyboard alone can arm a fault, send a batch and read the error', async ({ page }) => {
  await openCleanLab(page);
  const faults = page.getByTestId('fault-panel');
  await faults.getByTestId('fault-point').focus();
  await page.keyboard.type('factor.ingest'); // a focused select jumps to the option typed
  await expect(faults.getByTestId('fault-point')).toHaveValue('factor.ingest_closed');
  await faults.getByTestId('arm-fault').focus();
  await page.keyboard.press('Enter');
  await idle(page);
  await expect(faults.locator('[data-testid="armed-fault"][data-point="factor.ingest_closed"]')).toBeVisible();

  const composer = page.getByTestId('batch-composer');
  await composer.getByTestId('composer-generate').focus();
  await page.keyboard.press('Enter');
  await idle(page);
  await composer.getByTestId('composer-send').focus();
  await expect(composer.getByTestId('composer-send')).toBeFocused();
  await page.keyboard.press('Enter');
  await idle(page);
  await expect(page.getByTestId('run-view')).toContainText('ingest_pipeline_failed:factor.ingest_closed');
});
