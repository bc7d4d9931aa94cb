/**
 * SPEC §4, IngestPipelineError: seven fields and the message
 * `ingest_pipeline_failed:<step>:<series_id>:<cause>` followed, in this order and only
 * where they apply, by `:compensated`, `:overlay_reset`, `:candle_rows:<n>`,
 * `:compensation_error:<error>`. Checked for every suffix combination, both on the class
 * and on real failed runs that produce each combination.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IngestPipelineError, ingestPipelineErrorMessage, overlappingBatch, type FaultPointId, type IngestPipelineErrorFields } from '../../../src/core/index';
import { DEBUG_ENV, FLAG, SID_A, at, candles, closeBackends, openBackend, pipelineError } from '../helpers/backend';

afterEach(closeBackends);

const base: IngestPipelineErrorFields = {
  step: 'overlay.ingest_closed',
  series_id: SID_A,
  cause: 'boom',
  compensated: false,
  overlay_compensated: false,
  candle_compensated_rows: 0,
  compensation_error: null,
};
const PREFIX = `ingest_pipeline_failed:overlay.ingest_closed:${SID_A}:boom`;

describe('the message for every suffix combination', () => {
  const combos: [Partial<IngestPipelineErrorFields>, string][] = [
    [{}, ''],
    [{ compensation_error: 'e1' }, ':compensation_error:e1'],
    [{ compensated: true, overlay_compensated: true }, ':compensated:overlay_reset'],
    [{ compensated: true, overlay_compensated: true, compensation_error: 'e1' }, ':compensated:overlay_reset:compensation_error:e1'],
    [{ compensated: true, candle_compensated_rows: 3 }, ':compensated:candle_rows:3'],
    [{ compensated: true, candle_compensated_rows: 3, compensation_error: 'e1' }, ':compensated:candle_rows:3:compensation_error:e1'],
    [{ compensated: true, overlay_compensated: true, candle_compensated_rows: 12 }, ':compensated:overlay_reset:candle_rows:12'],
    [
      { compensated: true, overlay_compensated: true, candle_compensated_rows: 12, compensation_error: 'a; b' },
      ':compensated:overlay_reset:candle_rows:12:compensation_error:a; b',
    ],
  ];

  it.each(combos)('%o → …%s', (fields, suffix) => {
    const f = { ...base, ...fields };
    expect(ingestPipelineErrorMessage(f)).toBe(PREFIX + suffix);
    expect(new IngestPipelineError(f).message).toBe(PREFIX + suffix);
  });

  it('leaves out :candle_rows when no row was deleted', () => {
    expect(ingestPipelineErrorMessage({ ...base, compensated: true, overlay_compensated: true, candle_compensated_rows: 0 })).toBe(
      `${PREFIX}:compensated:overlay_reset`,
    );
  });

  it('names the step and the series for each of the three steps', () => {
    for (const step of ['store.upsert_many_closed', 'factor.ingest_closed', 'overlay.ingest_closed'] as const) {
      expect(ingestPipelineErrorMessage({ ...base, step, series_id: 'okx:spot:ETH/USDT:5m' })).toBe(
        `ingest_pipeline_failed:${step}:okx:spot:ETH/USDT:5m:boom`,
      );
    }
  });
});

describe('the error object', () => {
  it('carries the seven fields, is an Error named IngestPipelineError, and gives them back as data', () => {
    const f: IngestPipelineErrorFields = { ...base, compensated: true, candle_compensated_rows: 2, compensation_error: 'x' };
    const e = new IngestPipelineError(f);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('IngestPipelineError');
    expect([e.step, e.series_id, e.cause, e.compensated, e.overlay_compensated, e.candle_compensated_rows, e.compensation_error]).toEqual([
      'overlay.ingest_closed',
      SID_A,
      'boom',
      true,
      false,
      2,
      'x',
    ]);
    expect(e.toFields()).toEqual(f);
    expect(JSON.parse(JSON.stringify(e.toFields()))).toEqual(f);
  });
});

describe('real failed runs produce each combination', () => {
  const HISTORY = candles(10, 4, at(0), SID_A);
  const BATCH = overlappingBatch(SID_A, HISTORY, 2, 3, 8);
  const R = 'injected fault at overlay.reset_series';
  const D = 'injected fault at store.delete_closed_times';
  const F = `ingest_pipeline_failed:factor.ingest_closed:${SID_A}:injected fault at factor.ingest_closed`;
  const O = `ingest_pipeline_failed:overlay.ingest_closed:${SID_A}:injected fault at overlay.ingest_closed`;
  const S = `ingest_pipeline_failed:store.upsert_many_closed:${SID_A}:injected fault at store.upsert_many_closed`;

  const runs: [string, FaultPointId, { overlay?: boolean; candles?: boolean }, FaultPointId[], string][] = [
    ['store failure', 'store.upsert_many_closed', { overlay: true, candles: true }, [], S],
    ['factor, no flags', 'factor.ingest_closed', {}, [], F],
    ['factor, candle flag', 'factor.ingest_closed', { candles: true }, [], `${F}:compensated:candle_rows:3`],
    ['factor, candle flag, delete fails', 'factor.ingest_closed', { candles: true }, ['store.delete_closed_times'], `${F}:compensation_error:${D}`],
    ['overlay, overlay flag', 'overlay.ingest_closed', { overlay: true }, [], `${O}:compensated:overlay_reset`],
    ['overlay, overlay flag, reset fails', 'overlay.ingest_closed', { overlay: true }, ['overlay.reset_series'], `${O}:compensation_error:${R}`],
    ['overlay, both flags', 'overlay.ingest_closed', { overlay: true, candles: true }, [], `${O}:compensated:overlay_reset:candle_rows:3`],
    ['overlay, both, reset fails', 'overlay.ingest_closed', { overlay: true, candles: true }, ['overlay.reset_series'], `${O}:compensated:candle_rows:3:compensation_error:${R}`],
    ['overlay, both, delete fails', 'overlay.ingest_closed', { overlay: true, candles: true }, ['store.delete_closed_times'], `${O}:compensated:overlay_reset:compensation_error:${D}`],
    ['overlay, both, both fail', 'overlay.ingest_closed', { overlay: true, candles: true }, ['overlay.reset_series', 'store.delete_closed_times'], `${O}:compensation_error:${R}; ${D}`],
  ];

  it.each(runs)('%s', async (_name, point, flags, extra, message) => {
    const backend = await openBackend({
      ...DEBUG_ENV,
      [FLAG.compensateOverlay]: flags.overlay ? '1' : '0',
      [FLAG.compensateCandles]: flags.candles ? '1' : '0',
    });
    await backend.service.pipeline.run({ [SID_A]: HISTORY });
    backend.faults.arm({ point, trigger: { mode: 'once' } });
    for (const p of extra) backend.faults.arm({ point: p, trigger: { mode: 'always' } });
    const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: BATCH }));
    expect(error.message).toBe(message);
  });

  it('the cause is the text of the error that stopped the step', async () => {
    const backend = await openBackend();
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' }, message: 'disk quota exceeded' });
    const error = await pipelineError(backend.service.pipeline.run({ [SID_A]: HISTORY }));
    expect(error.cause).toBe('disk quota exceeded');
    expect(error.message).toBe(`ingest_pipeline_failed:factor.ingest_closed:${SID_A}:disk quota exceeded`);
  });
});
