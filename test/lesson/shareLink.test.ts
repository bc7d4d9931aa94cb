import { describe, expect, it } from 'vitest';
import { LabBackend, LEARNER_PRESET_ENV, ManualClock, readLedgerTables } from '../../src/core/index';
import { ShareLinkError, decodeShareLink, encodeShareLink, type SharedLab } from '../../src/lesson/shareLink';
import { replaySharedLab } from '../../src/lesson/sharedLabReplay';

const SID = 'binance:futures:BTC/USDT:1m';
const known = new Set(['happy-ingest']);
const sandbox: SharedLab = {
  v: 1,
  kind: 'sandbox',
  setup: { env: LEARNER_PRESET_ENV, series: [SID], history: { count: 30, seed: 3 } },
  actions: [
    { do: 'arm_fault', fault: { point: 'factor.ingest_closed', trigger: { mode: 'once' } } },
    { do: 'ingest', series_id: SID, batch: { kind: 'overlap', overlap: 2, fresh: 3 } },
  ],
};
let n = 0;
const open = () => LabBackend.open({ dbName: `share-${n++}`, env: LEARNER_PRESET_ENV, clock: new ManualClock() });

describe('share links', () => {
  it('round-trip and replay to the same rows every time', async () => {
    const link = encodeShareLink(sandbox);
    expect(decodeShareLink(link, known)).toEqual(sandbox);
    const [a, b] = await Promise.all([open(), open()]);
    await replaySharedLab(a, decodeShareLink(link, known), new Map());
    await replaySharedLab(b, decodeShareLink(link, known), new Map());
    const [ta, tb] = await Promise.all([readLedgerTables(a.db), readLedgerTables(b.db)]);
    expect(ta.candles).toHaveLength(33); // 30 history + 3 orphans of the failed batch
    expect(tb).toEqual(ta);
  });

  const bad: [string, string, RegExp][] = [
    ['not a share link', '#/lab', /not a share link/],
    ['empty', '#/share/', /empty/],
    ['garbage characters', '#/share/<script>alert(1)</script>', /characters/],
    ['cut off', encodeShareLink(sandbox).slice(0, 40), /damaged|not valid/],
    ['too long', '#/share/' + 'A'.repeat(20_000), /too long/],
    ['unknown scenario', encodeShareLink({ v: 1, kind: 'scenario', scenario: 'nope', actions: [] }), /unknown scenario/],
    ['unknown action', '#/share/' + btoa(JSON.stringify({ v: 1, kind: 'scenario', scenario: 'happy-ingest', actions: [{ do: 'rm -rf' }] })).replace(/=+$/, ''), /not valid/],
    ['bad flag', encodeShareLink({ ...sandbox, setup: { ...sandbox.setup, env: { TRADE_CANVAS_ENABLE_DEBUG_API: 'maybe' } } }), /TRADE_CANVAS_ENABLE_DEBUG_API/],
    ['off-grid hand-made candle', encodeShareLink({ ...sandbox, actions: [{ do: 'ingest_candles', series_id: SID, candles: [{ candle_time: 5, open: 1, high: 2, low: 0.5, close: 1, volume: 1 }] }] }), /grid/],
  ];
  it.each(bad)('a %s link gets a clear message and changes nothing', async (_name, hash, message) => {
    const backend = await open();
    const before = await readLedgerTables(backend.db);
    let error: unknown;
    try {
      await replaySharedLab(backend, decodeShareLink(hash, known), new Map());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShareLinkError);
    expect((error as Error).message).toMatch(message);
    expect(await readLedgerTables(backend.db)).toEqual(before);
  });
});
