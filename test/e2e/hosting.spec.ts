/**
 * The build is a static site: it works at "/" and at a sub-path, a deep link reloads,
 * no request fails, none leaves the page's origin, and after the first visit the lab
 * works with the network cut.
 */
import { expect, test, type Page } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveBuild } from './staticHost';

function watchRequests(page: Page, origin: string) {
  const failed: string[] = [];
  const foreign: string[] = [];
  // ERR_ABORTED is the browser cancelling its own request (a reload mid-load), not the host failing.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  return { failed, foreign, origin };
}

for (const prefix of ['/', '/lab/']) {
  test(`served at ${prefix}: zero failed requests, nothing leaves the origin, a deep link reloads`, async ({ page, context }) => {
    const host = await serveBuild(prefix);
    const origin = new URL(host.url).origin;
    const seen = watchRequests(page, origin);
    // Any other origin is routed to a failure; the test asserts that none was even tried.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      seen.foreign.push(url);
      return route.abort();
    });
    try {
      await page.goto(host.url);
      await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
      await page.goto(`${host.url}#/lesson/repair-path`);
      await page.reload();
      await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('section-title')).toHaveText(/repair/i);
      expect(seen.foreign).toEqual([]);
      expect(seen.failed).toEqual([]);
    } finally {
      host.close();
    }
  });
}

test('after the first visit the lab works offline', async ({ page, context }) => {
  const host = await serveBuild('/lab/');
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    // The service worker installs and precaches the site on the first visit; it controls
    // pages from the next load on (no clients.claim: nothing is swapped under the learner).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    host.close(); // the host is gone, and so is the network
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('candle-chart')).toHaveAttribute('data-candles', '120');
    await page.getByTestId('lang-select').selectOption('zh'); // the other language's chunks are cached too
    await expect(page.getByTestId('section-title')).toHaveText('一句话总纲');
  } finally {
    await context.setOffline(false);
    host.close();
  }
});

test('a new version is offered, never applied by surprise', async ({ page }) => {
  // Deploy a copy of the build, visit it, then deploy a "new version" of the service worker.
  const site = mkdtempSync(join(tmpdir(), 'lab-site-'));
  cpSync('dist', site, { recursive: true });
  const host = await serveBuild('/', site);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await page.reload();
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });

    appendFileSync(join(site, 'sw.js'), '\n// deployed again\n');
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
    await expect(page.getByTestId('update-waiting')).toBeVisible({ timeout: 20_000 });
    // Offered, not applied: the page was not reloaded under the learner.
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    await page.getByTestId('update-waiting').getByRole('button', { name: 'Reload now' }).click();
    await page.waitForFunction(() => !(window as unknown as { stillHere?: boolean }).stillHere, undefined, { timeout: 20_000 });
    await expect(page.getByTestId('lab-ready')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('update-waiting')).toHaveCount(0);
  } finally {
    host.close();
  }
});
