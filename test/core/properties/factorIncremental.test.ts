/**
 * Property: factor.ingest_closed is incremental from its head, and the result does not
 * depend on how the history arrived. Candles stored and computed in random chunks end
 * with the same pivots and pens as a from-scratch computation over all of them at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCandles } from '../../../src/core/index';
import type { FactorEvent, FactorEventRow } from '../../../src/core/domain/factorEvent';
import { buildPens } from '../../../src/core/factor/pens';
import { detectPivots } from '../../../src/core/factor/pivots';
import { FLAG, SID, T0 } from '../helpers/backend';
import { closePropertyLab, openPropertyLab } from '../helpers/propertyLab';
import { historyLengthArb } from '../helpers/scenario';

const key = (e: FactorEvent) => JSON.stringify(e);

describe('incremental factors', () => {
  it('chunked computation equals a from-scratch computation over the same candles', async () => {
    const scenario = fc.record({
      length: historyLengthArb,
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: 39 }), { maxLength: 3 }),
      major: fc.integer({ min: 1, max: 3 }),
      minor: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ length, cuts, major, minor, seed }) => {
        const all = generateCandles({ seriesId: SID, startTime: T0, count: length, seed });
        // From scratch, in memory: every pivot of the whole history, every pen they make.
        const majors = detectPivots(all, major, 'major', 0);
        const expected = [...majors, ...detectPivots(all, minor, 'minor', 0), ...buildPens(undefined, majors)];

        const backend = await openPropertyLab({ [FLAG.pivotMajor]: String(major), [FLAG.pivotMinor]: String(minor) }, 'factor-prop');
        try {
          const bounds = [0, ...cuts.filter((c) => c < length).sort((a, b) => a - b), length];
          for (let i = 0; i + 1 < bounds.length; i++) {
            const chunk = all.slice(bounds[i], bounds[i + 1]);
            await backend.candles.upsert_many_closed(SID, chunk);
            await backend.service.factor.ingest_closed(SID, chunk[chunk.length - 1]!.candle_time);
          }
          const stored: FactorEventRow[] = await backend.db.factor_events.toArray();
          const got = stored.map(({ id: _id, series_id: _s, ...e }) => key(e as FactorEvent)).sort();
          expect(got).toEqual(expected.map(key).sort());
          expect((await backend.factors.state(SID)).head_time).toBe(all[length - 1]!.candle_time);
        } finally {
          await closePropertyLab(backend);
        }
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
