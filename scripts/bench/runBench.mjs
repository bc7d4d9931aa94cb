#!/usr/bin/env node
// npm run bench: builds the product and the benchmark page, opens both in headless
// Chromium and prints each figure as median (min–max) over several runs, with ratios.
// A benchmark, not a test: it fails only if something could not be measured.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_ONLY=load measures figure 5 alone (quick, while working on the first view).
const ONLY_LOAD = process.env.BENCH_ONLY === 'load';
const root = resolve(import.meta.dirname, '../..');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const fmt = (f) => `${f.median.toFixed(1)} ms (min ${f.min.toFixed(1)}, max ${f.max.toFixed(1)}, n=${f.runs})`;
const ratio = (a, b) => (a.median / b.median).toFixed(2);
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');

console.log('building the product and the benchmark page…');
execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
if (!ONLY_LOAD) execSync('npx vite build --logLevel warn --config scripts/bench/vite.bench.config.ts', { cwd: root, stdio: 'inherit' });

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const launch = () =>
  chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
let browser = await launch();
const benchServer = await serve(join(root, ONLY_LOAD ? 'dist' : 'dist-bench'));
const appServer = await serve(join(root, 'dist'));
const benchUrl = `http://127.0.0.1:${benchServer.address().port}/bench.html`;
const appUrl = `http://127.0.0.1:${appServer.address().port}/`;

try {
  console.log(`Chromium ${browser.version()}; IndexedDB durability: the browser's default (Dexie's chromeTransactionDurability unset, the raw put loop passes no durability either)`);
  console.log(`runs per figure: ${RUNS} (BENCH_RUNS to change)\n`);

  if (!ONLY_LOAD) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(benchUrl);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const r = await page.evaluate((runs) => window.runBench(runs), RUNS);

    const c = r.chain;
    console.log('1. Full chain on a 10,000-candle batch');
    console.log(`   chain (store + factor + overlay): ${fmt(c.chain)}`);
    console.log(`   Dexie bulkPut of the same rows:   ${fmt(c.dexie_bulkput)}`);
    console.log(`   raw IndexedDB put loop (floor):   ${fmt(c.raw_idb_put_loop)}`);
    console.log(`   where the chain's time goes (one run): ${(await page.evaluate(() => window.stepBreakdown())).join(', ')}`);
    console.log(`   chain / bulkPut = ${ratio(c.chain, c.dexie_bulkput)} (target ≤ 2: ${verdict(c.chain.median <= 2 * c.dexie_bulkput.median)}); bulkPut / raw = ${ratio(c.dexie_bulkput, c.raw_idb_put_loop)}\n`);

    const k = r.compensation;
    console.log('2. Compensation of 50 new candles');
    console.log(`   delete_closed_times(50) at 1,000 history:   ${fmt(k['1000'].delete_50)}`);
    console.log(`   delete_closed_times(50) at 100,000 history: ${fmt(k['100000'].delete_50)}`);
    console.log(`   ratio = ${ratio(k['100000'].delete_50, k['1000'].delete_50)} (target ≤ 1.5: ${verdict(k['100000'].delete_50.median <= 1.5 * k['1000'].delete_50.median)})`);
    console.log(`   whole failing ingest (store 50, factor fault, compensation) 1,000 vs 100,000: ${fmt(k['1000'].failing_ingest_50)} vs ${fmt(k['100000'].failing_ingest_50)}, ratio ${ratio(k['100000'].failing_ingest_50, k['1000'].failing_ingest_50)}\n`);

    const o = r.one_candle;
    console.log('3. One-candle ingest through the whole chain');
    console.log(`   at 1,000 history:   ${fmt(o['1000'])}, p95 ${o['1000'].p95.toFixed(1)} ms`);
    console.log(`   at 10,000 history:  ${fmt(o['10000'])}, p95 ${o['10000'].p95.toFixed(1)} ms (target p95 ≤ 30 ms: ${verdict(o['10000'].p95 <= 30)})`);
    console.log(`   at 100,000 history: ${fmt(o['100000'])}, p95 ${o['100000'].p95.toFixed(1)} ms`);
    console.log(`   100,000 / 1,000 = ${ratio(o['100000'], o['1000'])} (target ≤ 1.5: ${verdict(o['100000'].median <= 1.5 * o['1000'].median)})\n`);

    const ch = r.chart;
    console.log('4. Chart at 10,000 bars');
    console.log(`   series.update, call + render work: ${fmt(ch.update_until_frame)} (target ≤ 16 ms: ${verdict(ch.update_until_frame.median <= 16)})`);
    console.log(`   full setData, call + render work: ${fmt(ch.full_setdata_until_frame)}; setData / update = ${ratio(ch.full_setdata_until_frame, ch.update_until_frame)}\n`);
  }

  // Figure 5 gets a browser of its own: a learner's visit does not start in a browser
  // still holding (and compacting) the 100,000-candle databases of figures 1-4.
  await browser.close();
  browser = await launch();

  // 5. Load: what the first view ships, and how long until the lab is interactive.
  // - The first view is every script requested before the lab's toolbar is first visible;
  //   what the page fetches after that (the panels below the chart, the rest of the
  //   lesson, the service worker's registration) is listed apart.
  // - Shown: the first frame in which the toolbar is visible (checked every frame).
  // - Interactive: shown, and no main-thread task longer than 50 ms (a long task delays
  //   any click) in the QUIET ms that follow; a long task in that window moves the point
  //   to its end. This is Lighthouse's "time to interactive" with a shorter quiet window,
  //   since this page keeps fetching its panels right after the first view.
  const QUIET = 500;
  const interactiveAt = (shown, tasks) => {
    let t = shown;
    for (const task of [...tasks].sort((x, y) => x.start - y.start)) {
      if (task.start < t + QUIET && task.end > t) t = task.end;
    }
    return t;
  };
  const visit = async (p, load) => {
    await load();
    await p.waitForSelector('[data-testid="lab-ready"]', { timeout: 30_000 });
    await p.waitForLoadState('networkidle');
    await p.waitForTimeout(QUIET + 100);
    const { shown, tasks } = await p.evaluate(() => ({ shown: window.__labShownAt, tasks: window.__longTasks }));
    return { shown, interactive: interactiveAt(shown, tasks), longest: Math.max(0, ...tasks.filter((x) => x.end > shown).map((x) => x.end - x.start)) };
  };
  const first = [];
  const repeat = [];
  let firstView = [];
  let afterView = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const check = () => {
        const el = document.querySelector('[data-testid="lab-ready"]');
        if (el && el.checkVisibility()) window.__labShownAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const p = await context.newPage();
    first.push(await visit(p, () => p.goto(appUrl)));
    if (i === 0) {
      const scripts = await p.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname.endsWith('.js') && !r.name.endsWith('/sw.js'))
          .map((r) => ({ path: new URL(r.name).pathname, before: r.startTime <= window.__labShownAt })),
      );
      const sized = scripts.map((s) => ({ ...s, gzip: gzipSync(readFileSync(join(root, 'dist', s.path))).length }));
      firstView = sized.filter((s) => s.before);
      afterView = sized.filter((s) => !s.before);
    }
    // A later visit: the lab is already seeded and the files are cached.
    repeat.push(await visit(p, () => p.reload()));
    await context.close();
  }
  const fig = (xs) => ({ median: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const sum = (xs) => xs.reduce((total, c) => total + c.gzip, 0);
  const list = (xs) => {
    for (const c of xs.sort((a, b) => b.gzip - a.gzip)) console.log(`     ${kb(c.gzip).padStart(9)}  ${c.path.replace(/^.*\//, '')}`);
  };
  console.log('5. Load (local production build)');
  console.log(`   JavaScript for the first view (requested before the lab shows): ${kb(sum(firstView))} gzip in ${firstView.length} files (target ≤ 150 KB: ${verdict(sum(firstView) <= 150 * 1024)})`);
  list(firstView);
  console.log(`   fetched right after the first view (panels below the chart, the rest of the lesson, offline support): ${kb(sum(afterView))} gzip in ${afterView.length} files`);
  list(afterView);
  for (const [name, runs] of [
    ['first visit (seeds 240 candles through the chain)', first],
    ['later visit (already seeded, files cached)', repeat],
  ]) {
    const interactive = fig(runs.map((r) => r.interactive));
    console.log(`   ${name}:`);
    console.log(`     navigation → lab shown:       ${fmt(fig(runs.map((r) => r.shown)))}`);
    console.log(`     navigation → interactive lab: ${fmt(interactive)} (target ≤ 1000 ms: ${verdict(interactive.median <= 1000)})`);
    console.log(`     longest main-thread task after the lab shows: ${fmt(fig(runs.map((r) => r.longest)))}`);
  }
} finally {
  await browser.close();
  benchServer.close();
  appServer.close();
}
