/**
 * Property: every IngestPipelineError names the step and the series that failed, and its
 * message follows
 * `ingest_pipeline_failed:<step>:<series_id>:<cause>[:compensated][:overlay_reset][:candle_rows:<n>][:compensation_error:<e>]`,
 * with fields that agree with what actually happened: which steps ran, which fault fired,
 * which rows the compensation removed. A store-step failure leaves that series as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_POINT_IDS, type FaultPointId } from '../../../src/core/index';
import { lastGiven, runScenario, scenarioArb, sortedTimes } from '../helpers/scenario';

const STEPS = ['store.upsert_many_closed', 'factor.ingest_closed', 'overlay.ingest_closed'] as const;
/** The fault points whose error can stop each step. */
const POINTS_OF: Record<(typeof STEPS)[number], FaultPointId[]> = {
  'store.upsert_many_closed': ['store.upsert_many_closed', 'store.upsert_many_closed.mid_transaction'],
  'factor.ingest_closed': ['factor.ingest_closed'],
  // A rebuilt series resets its overlay inside the overlay step.
  'overlay.ingest_closed': ['overlay.ingest_closed', 'overlay.reset_series'],
};
/** Every point that can stop a step, plus crashes (which must raise no IngestPipelineError). */
const MAIN_POINTS: FaultPointId[] = [...new Set(Object.values(POINTS_OF).flat()), 'crash.after_store', 'crash.after_factor'];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('IngestPipelineError names what failed', () => {
  it('step, series, message format and compensation fields agree with the run', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(MAIN_POINTS, FAULT_POINT_IDS), async ({ plans, flags, faults }) => {
        const out = await runScenario(plans, flags, faults);
        const e = out.error;
        if (out.crash) {
          // A crash is a dead process, not an error: nothing compensated, the batch stays.
          expect(e).toBeNull();
          const crashed = out.after.get(out.crash.series_id)!;
          const batch = lastGiven(plans.find((p) => p.series_id === out.crash!.series_id)!.batch);
          for (const t of batch.keys()) expect(crashed.has(t)).toBe(true);
        }
        if (!e) return;
        const batchIds = plans.filter((p) => p.batch.length > 0).map((p) => p.series_id).sort();

        // The step and series: the observer saw exactly this step of this series fail.
        expect(STEPS).toContain(e.step);
        expect(batchIds).toContain(e.series_id);
        expect(out.stepFailed).toEqual({ step: e.step, series_id: e.series_id, error: e.cause });
        const cause = out.faults.find((f) => f.message === e.cause);
        expect(cause, `cause ${e.cause} is an armed fault's message`).toBeDefined();
        expect(POINTS_OF[e.step]).toContain(cause!.plan.point);
        if (cause!.plan.series_id) expect(cause!.plan.series_id).toBe(e.series_id);

        // Everything before it ran, nothing after it did.
        const expectedOk: string[] = [];
        for (const id of batchIds.filter((id) => id < e.series_id)) for (const s of STEPS) expectedOk.push(`${s}:${id}`);
        for (const s of STEPS.slice(0, STEPS.indexOf(e.step))) expectedOk.push(`${s}:${e.series_id}`);
        expect(out.stepsOk.map((s) => s.name)).toEqual(expectedOk);

        // The message, built field by field in the documented order.
        let msg = `ingest_pipeline_failed:${e.step}:${e.series_id}:${e.cause}`;
        if (e.compensated) msg += ':compensated';
        if (e.overlay_compensated) msg += ':overlay_reset';
        if (e.candle_compensated_rows > 0) msg += `:candle_rows:${e.candle_compensated_rows}`;
        if (e.compensation_error) msg += `:compensation_error:${e.compensation_error}`;
        expect(e.message).toBe(msg);
        expect(e.message).toMatch(
          new RegExp(
            `^ingest_pipeline_failed:${esc(e.step)}:${esc(e.series_id)}:boom\\d(:compensated)?(:overlay_reset)?(:candle_rows:[1-9]\\d*)?(:compensation_error:boom\\d(; boom\\d)?)?$`,
          ),
        );

        // The compensation fields tell the truth about the failing series.
        expect(e.compensated).toBe(e.overlay_compensated || e.candle_compensated_rows > 0);
        if (!flags.compensateOverlay || e.step !== 'overlay.ingest_closed') expect(e.overlay_compensated).toBe(false);
        if (!flags.compensateCandles) expect(e.candle_compensated_rows).toBe(0);
        const before = out.before.get(e.series_id)!;
        const after = out.after.get(e.series_id)!;
        const batch = lastGiven(plans.find((p) => p.series_id === e.series_id)!.batch);
        if (e.step === 'store.upsert_many_closed') {
          // One transaction (even when aborted halfway): nothing written, nothing to undo.
          expect([e.compensated, e.candle_compensated_rows, e.compensation_error]).toEqual([false, 0, null]);
          expect(after).toEqual(before);
        } else {
          const written = new Set([...before.keys(), ...batch.keys()]);
          const removed = [...written].filter((t) => !after.has(t));
          expect(removed.length).toBe(e.candle_compensated_rows);
          expect(removed.every((t) => !before.has(t))).toBe(true);
          expect(sortedTimes(after)).toEqual([...written].filter((t) => after.has(t)).sort((a, b) => a - b));
        }
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
