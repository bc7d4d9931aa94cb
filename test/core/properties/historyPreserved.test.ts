/**
 * Property: whatever fails and whichever flags are on, no candle time that existed before
 * a batch is ever deleted (compensation deletes only new_candle_times), and an older
 * candle either keeps its old values or holds the batch's last value for its time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_POINT_IDS } from '../../../src/core/index';
import { ALL_SERIES, lastGiven, runScenario, scenarioArb } from '../helpers/scenario';

describe('history is preserved', () => {
  it('no pre-existing candle time disappears, across random histories, batches, faults and flags', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(FAULT_POINT_IDS, FAULT_POINT_IDS), async ({ plans, flags, faults }) => {
        const out = await runScenario(plans, flags, faults);
        for (const id of ALL_SERIES) {
          const before = out.before.get(id)!;
          const after = out.after.get(id)!;
          const batch = lastGiven(plans.find((p) => p.series_id === id)?.batch ?? []);
          for (const [t, old] of before) {
            expect(after.has(t), `${id} lost ${t}`).toBe(true);
            const now = after.get(t)!;
            if (JSON.stringify(now) !== JSON.stringify(old)) expect(now).toEqual(batch.get(t));
          }
        }
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
