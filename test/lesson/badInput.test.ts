/**
 * Bad input, table-driven: what the batch composer, the repair form, the flags panel, a
 * share link or an imported file can send. Each gets a message naming what is wrong, and
 * nothing in IndexedDB changes.
 */
import { describe, expect, it } from 'vitest';
import { LabBackend, LEARNER_PRESET_ENV, ManualClock, readLedgerTables, seedHistory } from '../../src/core/index';
import { makeLabFile, parseLabFile } from '../../src/lesson/labFile';
import { decodeShareLink, encodeShareLink } from '../../src/lesson/shareLink';
import { replaySharedLab } from '../../src/lesson/sharedLabReplay';

const SID = 'binance:futures:BTC/USDT:1m';
const T = 1767571200 + 200 * 60;
const good = { candle_time: T, open: 10, high: 12, low: 9, close: 11, volume: 5 };
const batch = (candles: unknown, series_id: unknown = SID) => ({ series_id, candles });

type Case = [name: string, attempt: (b: LabBackend) => Promise<string>, message: RegExp];

async function refused(b: LabBackend, path: string, body: unknown): Promise<string> {
  const res = await b.post(path, body);
  if (res.status !== 422) throw new Error(`expected 422, got ${res.status}`);
  return (res.body as { detail: string }).detail;
}
const ingest = (body: unknown) => (b: LabBackend) => refused(b, '/api/market/ingest/candles_closed_batch', body);
const repair = (body: unknown) => (b: LabBackend) => refused(b, '/api/dev/repair/overlay', body);
const restart = (env: Record<string, string>) => async (b: LabBackend) => {
  try {
    await b.restart(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('restart accepted a bad env');
};
const share = (hash: string) => async (b: LabBackend) => {
  try {
    await replaySharedLab(b, decodeShareLink(hash, new Set(['happy-ingest'])), new Map());
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the link was accepted');
};
const importFile = (text: (b: LabBackend) => Promise<string>) => async (b: LabBackend) => {
  try {
    const file = parseLabFile(await text(b));
    await b.restoreState(file.lab);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
};
const exported = async (b: LabBackend) => makeLabFile(await b.exportState(), undefined, '2026-12-04T00:00:00Z');
const tampered = (edit: (f: Record<string, any>) => void) => async (b: LabBackend) => {
  const file = JSON.parse(JSON.stringify(await exported(b)));
  edit(file);
  return JSON.stringify(file);
};

const cases: Case[] = [
  // batch composer → POST /api/market/ingest/candles_closed_batch
  ['missing series id', ingest({ candles: [good] }), /series_id/],
  ['series id of the wrong type', ingest(batch([good], 42)), /series_id must be a string/],
  ['unknown timeframe', ingest(batch([good], 'binance:futures:BTC/USDT:7m')), /series_id must end in a known timeframe/],
  ['time off the grid', ingest(batch([{ ...good, candle_time: T + 7 }])), /candles\[0\]\.candle_time: .*not on the 1m grid/],
  ['negative time', ingest(batch([{ ...good, candle_time: -60 }])), /candles\[0\]\.candle_time: candle_time must not be negative/],
  ['fractional time', ingest(batch([{ ...good, candle_time: T + 0.5 }])), /candles\[0\]\.candle_time: candle_time must be whole/],
  ['NaN price', ingest(batch([{ ...good, open: Number.NaN }])), /candles\[0\]\.open: open must be a number/],
  ['Infinity price', ingest(batch([{ ...good, high: Number.POSITIVE_INFINITY }])), /candles\[0\]\.high: high must be finite/],
  ['negative volume', ingest(batch([{ ...good, volume: -1 }])), /candles\[0\]\.volume: volume must not be negative/],
  ['high below low', ingest(batch([{ ...good, high: 8, low: 9 }])), /candles\[0\]: high must be ≥ low/],
  ['a price as a string', ingest(batch([{ ...good, close: '11' }])), /candles\[0\]\.close: close must be a number/],
  ['an empty batch', ingest(batch([])), /candles: candles must hold at least one candle/],
  ['a batch over 20000', ingest(batch(Array.from({ length: 20_001 }, (_, i) => ({ ...good, candle_time: T + i * 60 })))), /at most 20000/],
  ['candles not an array', ingest(batch({ 0: good })), /candles must be an array/],
  ['script in the series id', ingest(batch([good], '<script>alert(1)</script>:1m')), /series_id must look like/],
  ['the third candle bad, first two fine', ingest(batch([good, { ...good, candle_time: T + 60 }, { ...good, candle_time: T + 120, low: 20 }])), /candles\[2\]/],
  // repair form → POST /api/dev/repair/overlay (flags on, so the route exists)
  ['repair without series id', repair({ to_time: T }), /series_id/],
  ['repair with a negative to_time', repair({ series_id: SID, to_time: -5 }), /to_time must not be negative/],
  ['repair with to_time as text', repair({ series_id: SID, to_time: 'yesterday' }), /to_time must be a number/],
  ['repair with NaN to_time', repair({ series_id: SID, to_time: Number.NaN }), /to_time must be a number/],
  // flags panel → restart
  ['a bool flag set to maybe', restart({ TRADE_CANVAS_ENABLE_DEBUG_API: 'maybe' }), /TRADE_CANVAS_ENABLE_DEBUG_API.*expected 1\/0/],
  ['a window that is not a number', restart({ TRADE_CANVAS_PIVOT_WINDOW_MAJOR: 'fifty' }), /TRADE_CANVAS_PIVOT_WINDOW_MAJOR.*whole number/],
  ['an unknown flag', restart({ TRADE_CANVAS_ENABLE_EVERYTHING: '1' }), /TRADE_CANVAS_ENABLE_EVERYTHING.*not a runtime flag/],
  ['an over-long logic version', restart({ TRADE_CANVAS_FACTOR_LOGIC_VERSION: 'v'.repeat(65) }), /TRADE_CANVAS_FACTOR_LOGIC_VERSION.*at most 64/],
  // share links
  ['a share link that is cut off', share(encodeShareLink({ v: 1, kind: 'scenario', scenario: 'happy-ingest', actions: [] }).slice(0, 20)), /damaged|not valid/],
  ['a share link with script in it', share('#/share/<img src=x onerror=alert(1)>'), /characters a share link never has/],
  ['an oversized share link', share('#/share/' + 'A'.repeat(50_000)), /too long/],
  ['a share link for an unknown series', share(encodeShareLink({ v: 1, kind: 'scenario', scenario: 'happy-ingest', actions: [{ do: 'draw_read', series_id: 'nope' }] })), /series_id/],
  ['a share link with a huge batch', share(encodeShareLink({ v: 1, kind: 'scenario', scenario: 'happy-ingest', actions: [{ do: 'ingest', series_id: SID, batch: { kind: 'next', count: 1_000_000 } }] })), /count|500/],
  // imported files
  ['an imported file that is not JSON', importFile(async () => 'hello'), /not JSON/],
  ['an imported file from elsewhere', importFile(async () => JSON.stringify({ format: 'other', version: 1 })), /format: this is not a fault-isolation-lab export/],
  ['an imported candle with high below low', importFile(tampered((f) => (f.lab.tables.candles[0].high = -1))), /lab\.tables\.candles\.0/],
  ['an imported env with a bad flag', importFile(tampered((f) => (f.lab.env = { TRADE_CANVAS_ENABLE_DEV_API: 'sure' }))), /TRADE_CANVAS_ENABLE_DEV_API/],
  ['an imported fault at an unknown point', importFile(tampered((f) => (f.lab.faults.faults = [{ id: 1, calls: 0, fired: 0, spent: false, point: 'rm.rf', trigger: { mode: 'once' } }]))), /unknown fault point/],
];

let n = 0;

describe('bad input', () => {
  it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)('%s: a clear message and nothing changes', async (_name, attempt, message) => {
    const b = await LabBackend.open({
      dbName: `bad-input-${n++}`,
      env: { ...LEARNER_PRESET_ENV, TRADE_CANVAS_ENABLE_DEV_API: '1', TRADE_CANVAS_ENABLE_READ_REPAIR_API: '1' },
      clock: new ManualClock(),
    });
    await seedHistory(b, { series: [SID], count: 20 });
    const before = await readLedgerTables(b.db);
    const env = b.env;
    expect(await attempt(b)).toMatch(message);
    expect(await readLedgerTables(b.db)).toEqual(before);
    expect(b.env).toEqual(env);
    b.close();
  });
});
