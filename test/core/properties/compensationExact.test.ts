/**
 * Property: with TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES on, a factor or overlay
 * failure leaves the failing series with exactly its pre-batch set of times (older
 * candles the batch overwrote keep the batch's values); series before it keep the whole
 * batch, series after it are untouched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_SERIES, flagsArb, lastGiven, runScenario, scenarioArb, sortedTimes } from '../helpers/scenario';

const union = (a: number[], b: number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);

describe('compensation of new candles is exact', () => {
  it('the failing series ends with exactly its pre-batch times', async () => {
    const scenarios = scenarioArb(
      ['factor.ingest_closed', 'overlay.ingest_closed'],
      // A failing overlay reset must not stop the candle delete.
      ['overlay.reset_series'],
      flagsArb.map((f) => ({ ...f, compensateCandles: true })),
    );
    await fc.assert(
      fc.asyncProperty(scenarios, async ({ plans, flags, faults }) => {
        const out = await runScenario(plans, flags, faults);
        const failing = out.error?.series_id;
        for (const id of ALL_SERIES) {
          const plan = plans.find((p) => p.series_id === id);
          const before = sortedTimes(out.before.get(id));
          const after = sortedTimes(out.after.get(id));
          const batch = lastGiven(plan?.batch ?? []);
          if (!plan || (failing !== undefined && id > failing)) {
            expect(after, `${id} was not to be touched`).toEqual(before);
          } else if (id === failing) {
            expect(['factor.ingest_closed', 'overlay.ingest_closed']).toContain(out.error!.step);
            expect(after, `${id} failed at ${out.error!.step}`).toEqual(before);
            const added = sortedTimes(batch).filter((t) => !out.before.get(id)!.has(t));
            expect(out.error!.candle_compensated_rows).toBe(added.length);
          } else {
            expect(after).toEqual(union(before, sortedTimes(batch)));
          }
          // Every time the batch wrote that is still there holds the batch's last value.
          if (plan && !(failing !== undefined && id > failing)) {
            for (const [t, c] of batch) if (out.after.get(id)!.has(t)) expect(out.after.get(id)!.get(t)).toEqual(c);
          }
        }
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
