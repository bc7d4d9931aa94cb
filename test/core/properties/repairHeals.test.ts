/**
 * Property: however the ledger was broken (a failed or crashed run, a step switched off,
 * tampered instructions, a changed factor definition), a successful repair leaves both
 * heads at or past the aligned time and the draw read at that time answers 200. The only
 * other answer is 404 no_data, when there is no candle at or before the requested time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCandles, overlappingBatch, type Env } from '../../../src/core/index';
import { FLAG, MINUTE, SID, T0 } from '../helpers/backend';
import { closePropertyLab, openPropertyLab } from '../helpers/propertyLab';
import { historyLengthArb } from '../helpers/scenario';

const BREAKS = [
  'none',
  'factor_fault',
  'overlay_fault',
  'crash_after_store',
  'crash_after_factor',
  'factor_off',
  'overlay_off',
  'tamper_delete',
  'tamper_alter',
  'logic_version',
] as const;

const scenario = fc.record({
  length: historyLengthArb,
  overlap: fc.integer({ min: 0, max: 4 }),
  fresh: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  how: fc.constantFrom(...BREAKS),
  compensateOverlay: fc.boolean(),
  compensateCandles: fc.boolean(),
  // Minutes from the first candle (may be before it), plus seconds off the grid.
  toTime: fc.option(fc.tuple(fc.integer({ min: -3, max: 55 }), fc.integer({ min: 0, max: 59 })), { nil: undefined }),
});

describe('repair heals', () => {
  it('after a successful repair both heads reach the aligned time and the draw read answers 200', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const env = (extra: Env = {}): Env => ({
          [FLAG.pivotMajor]: '2',
          [FLAG.pivotMinor]: '1',
          [FLAG.dev]: '1',
          [FLAG.repair]: '1',
          [FLAG.compensateOverlay]: s.compensateOverlay ? '1' : '0',
          [FLAG.compensateCandles]: s.compensateCandles ? '1' : '0',
          ...extra,
        });
        const backend = await openPropertyLab(env(), 'repair-prop');
        try {
          const history = generateCandles({ seriesId: SID, startTime: T0, count: s.length, seed: s.seed });
          const batch = overlappingBatch(SID, history, Math.min(s.overlap, s.length), s.fresh, s.seed + 1);
          const run = () => backend.service.pipeline.run({ [SID]: batch }).catch(() => undefined);
          await backend.service.pipeline.run({ [SID]: history }, { publish: false });

          if (s.how === 'factor_fault') backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
          if (s.how === 'overlay_fault') backend.faults.arm({ point: 'overlay.ingest_closed', trigger: { mode: 'once' } });
          if (s.how === 'crash_after_store') backend.faults.arm({ point: 'crash.after_store', trigger: { mode: 'once' } });
          if (s.how === 'crash_after_factor') backend.faults.arm({ point: 'crash.after_factor', trigger: { mode: 'once' } });
          if (s.how === 'factor_off') await backend.restart(env({ [FLAG.factorIngest]: '0' }));
          if (s.how === 'overlay_off') await backend.restart(env({ [FLAG.overlayIngest]: '0' }));
          await run();
          if (s.how === 'tamper_delete' || s.how === 'tamper_alter') {
            await backend.tamperOverlay(SID, s.how === 'tamper_delete' ? 'delete' : 'alter').catch(() => undefined);
          }
          await backend.restart(env(s.how === 'logic_version' ? { [FLAG.logicVersion]: 'v2' } : {}));

          const times = (await backend.candles.all(SID)).map((c) => c.candle_time);
          const requested = s.toTime === undefined ? times[times.length - 1]! : T0 + s.toTime[0] * MINUTE + s.toTime[1];
          const aligned = times.filter((t) => t <= requested).pop();
          const res = await backend.post('/api/dev/repair/overlay', s.toTime === undefined ? { series_id: SID } : { series_id: SID, to_time: requested });

          if (aligned === undefined) {
            expect(res).toEqual({ status: 404, body: expect.objectContaining({ detail: 'no_data', code: 'read_repair.no_data' }) });
            return;
          }
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          const body = res.body as { aligned_time: number; requested_time: number; factor_head_time: number; overlay_head_time: number; steps: string[] };
          expect([body.requested_time, body.aligned_time]).toEqual([requested, aligned]);
          expect(body.steps.slice(-2)).toEqual(['overlay.reset_series', 'overlay.ingest_closed']);
          const factorHead = (await backend.factors.state(SID)).head_time!;
          const overlayHead = (await backend.overlays.head_time(SID))!;
          expect([body.factor_head_time, body.overlay_head_time]).toEqual([factorHead, overlayHead]);
          expect(factorHead).toBeGreaterThanOrEqual(aligned);
          expect(overlayHead).toBeGreaterThanOrEqual(aligned);
          const draw = await backend.get('/api/draw/delta', { series_id: SID, at_time: aligned });
          expect(draw.status, JSON.stringify(draw.body)).toBe(200);
        } finally {
          await closePropertyLab(backend);
        }
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
