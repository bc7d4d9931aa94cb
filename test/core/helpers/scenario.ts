/**
 * Random write-chain scenarios for the property tests: a fresh lab with small histories
 * for one to three series, an ingest run over overlapping (and sometimes duplicated or
 * shuffled) batches, with random flags and armed faults. `runScenario` returns what a
 * learner could observe before and after: stored candles per series, heads, the error.
 */
import fc from 'fast-check';
import {
  IngestPipelineError,
  generateCandles,
  type LabBackend,
  overlappingBatch,
  type ClosedCandle,
  type Env,
  type FaultPointId,
} from '../../../src/core/index';
import { SimulatedCrash } from '../../../src/core/faults/faultInjector';
import type { IngestStepResult, PipelineObserver } from '../../../src/core/pipeline/ingestPipeline';
import { FLAG, SID_A, SID_B, SID_C, T0 } from './backend';
import { closePropertyLab, openPropertyLab } from './propertyLab';

export const ALL_SERIES = [SID_A, SID_B, SID_C] as const;

export interface SeriesPlan {
  series_id: string;
  history: ClosedCandle[];
  /** The batch exactly as given to the pipeline (may hold duplicates, any order). */
  batch: ClosedCandle[];
}

/** Shifts every price, keeping the candle valid: a visibly different value for a time. */
function shifted(c: ClosedCandle, by: number): ClosedCandle {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { ...c, open: r(c.open + by), high: r(c.high + by), low: r(c.low + by), close: r(c.close + by), volume: r(c.volume + 1) };
}

/**
 * A history length of 5–40 candles, mostly short: a run's cost grows with its candles, and
 * short histories already hold pivots and pens with windows 2/1 (1000 runs must stay cheap).
 */
export const historyLengthArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 5, max: 15 }), weight: 3 },
  { arbitrary: fc.integer({ min: 16, max: 40 }), weight: 1 },
);

/** One series: a 5–40 candle history and a batch overlapping its tail and/or extending it. */
export function seriesPlanArb(seriesId: string): fc.Arbitrary<SeriesPlan> {
  return fc
    .record({
      length: historyLengthArb,
      overlap: fc.integer({ min: 0, max: 8 }),
      fresh: fc.integer({ min: 0, max: 8 }),
      duplicates: fc.integer({ min: 0, max: 3 }),
      reversed: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map(({ length, overlap, fresh, duplicates, reversed, seed }) => {
      const history = generateCandles({ seriesId, startTime: T0, count: length, seed });
      let batch = overlappingBatch(seriesId, history, Math.min(overlap, length), fresh, seed + 1);
      if (reversed) batch = [...batch].reverse();
      // Repeats of some times with other values, given last: these must win.
      batch = [...batch, ...batch.slice(0, duplicates).map((c) => shifted(c, 1))];
      return { series_id: seriesId, history, batch };
    });
}

/** One to three distinct series, each with its plan. */
export const plansArb: fc.Arbitrary<SeriesPlan[]> = fc
  .subarray([...ALL_SERIES], { minLength: 1 })
  .chain((ids) => fc.tuple(...ids.map((id) => seriesPlanArb(id))));

export interface FaultPlan {
  point: FaultPointId;
  mode: 'once' | 'always' | 'nth';
  n: number;
  series_id: string | undefined;
}

/** A fault at one of `points`, for any series or for one of `seriesIds`. */
export function faultArb(points: readonly FaultPointId[], seriesIds: readonly string[] = ALL_SERIES): fc.Arbitrary<FaultPlan> {
  return fc.record({
    point: fc.constantFrom(...points),
    mode: fc.constantFrom('once' as const, 'always' as const, 'nth' as const),
    n: fc.integer({ min: 1, max: 3 }),
    series_id: fc.option(fc.constantFrom(...seriesIds), { nil: undefined }),
  });
}

export interface Scenario {
  plans: SeriesPlan[];
  flags: FlagPlan;
  faults: FaultPlan[];
}

/**
 * A whole scenario: plans, flags, one fault at a `main` point and up to `extra.length`
 * more at the `extra` points (e.g. the reset or the delete that compensation runs).
 * Faults aimed at one series aim at a series of the batch, so most of them fire.
 */
export function scenarioArb(main: readonly FaultPointId[], extra: readonly FaultPointId[], flags = flagsArb): fc.Arbitrary<Scenario> {
  return plansArb.chain((plans) => {
    const ids = plans.map((p) => p.series_id);
    return fc.record({
      plans: fc.constant(plans),
      flags,
      faults: fc
        .tuple(faultArb(main, ids), extra.length ? fc.array(faultArb(extra, ids), { maxLength: 1 }) : fc.constant([]))
        .map(([m, e]) => [m, ...e]),
    });
  });
}

export interface FlagPlan {
  compensateOverlay: boolean;
  compensateCandles: boolean;
  factorIngest: boolean;
  overlayIngest: boolean;
  /** Restart with another TRADE_CANVAS_FACTOR_LOGIC_VERSION before the batch (a rebuild). */
  changeLogicVersion: boolean;
}

export const flagsArb: fc.Arbitrary<FlagPlan> = fc.record({
  compensateOverlay: fc.boolean(),
  compensateCandles: fc.boolean(),
  factorIngest: fc.boolean(),
  overlayIngest: fc.boolean(),
  changeLogicVersion: fc.boolean(),
});

export function envFor(flags: FlagPlan, logicVersion: string): Env {
  return {
    [FLAG.pivotMajor]: '2',
    [FLAG.pivotMinor]: '1',
    [FLAG.logicVersion]: logicVersion,
    [FLAG.compensateOverlay]: flags.compensateOverlay ? '1' : '0',
    [FLAG.compensateCandles]: flags.compensateCandles ? '1' : '0',
    [FLAG.factorIngest]: flags.factorIngest ? '1' : '0',
    [FLAG.overlayIngest]: flags.overlayIngest ? '1' : '0',
  };
}

/** The series' candles as a time → candle map. */
export type CandleMap = Map<number, ClosedCandle>;

export interface ScenarioOutcome {
  plans: SeriesPlan[];
  before: Map<string, CandleMap>;
  after: Map<string, CandleMap>;
  error: IngestPipelineError | null;
  crash: SimulatedCrash | null;
  stepsOk: IngestStepResult[];
  stepFailed: { step: string; series_id: string; error: string } | null;
  /** Fault messages by id, and how often each fired. */
  faults: { plan: FaultPlan; message: string; fired: number }[];
}

/** Every series' candles, read in one go (one request keeps the 1000-run properties cheap). */
async function candleMaps(backend: LabBackend): Promise<Map<string, CandleMap>> {
  const out = new Map<string, CandleMap>(ALL_SERIES.map((id) => [id, new Map()]));
  for (const { series_id, ...c } of await backend.db.candles.toArray()) out.get(series_id)!.set(c.candle_time, c);
  return out;
}

/** Seeds the histories, arms the faults, runs the batch; the lab is deleted afterwards. */
export async function runScenario(plans: SeriesPlan[], flags: FlagPlan, faults: FaultPlan[]): Promise<ScenarioOutcome> {
  const backend = await openPropertyLab(envFor(flags, 'v1'));
  try {
    await backend.service.pipeline.run(Object.fromEntries(plans.map((p) => [p.series_id, p.history])), { publish: false });
    if (flags.changeLogicVersion) await backend.restart(envFor(flags, 'v2'));
    const armed = faults.map((f, i) => {
      const message = `boom${i}`;
      const fault = backend.faults.arm({
        point: f.point,
        trigger: f.mode === 'nth' ? { mode: 'nth', n: f.n } : { mode: f.mode },
        message,
        ...(f.series_id ? { series_id: f.series_id } : {}),
      });
      return { plan: f, message, id: fault.id };
    });
    const before = await candleMaps(backend);
    const stepsOk: IngestStepResult[] = [];
    let stepFailed: ScenarioOutcome['stepFailed'] = null;
    const observer: PipelineObserver = {
      stepOk: (s) => stepsOk.push(s),
      stepFailed: (step, series_id, error) => (stepFailed = { step, series_id, error }),
    };
    let error: IngestPipelineError | null = null;
    let crash: SimulatedCrash | null = null;
    try {
      await backend.service.pipeline.run(Object.fromEntries(plans.map((p) => [p.series_id, p.batch])), { observer });
    } catch (e) {
      if (e instanceof IngestPipelineError) error = e;
      else if (e instanceof SimulatedCrash) crash = e;
      else throw e;
    }
    const after = await candleMaps(backend);
    const list = backend.faults.list();
    return {
      plans,
      before,
      after,
      error,
      crash,
      stepsOk,
      stepFailed,
      faults: armed.map((a) => ({ plan: a.plan, message: a.message, fired: list.find((f) => f.id === a.id)!.fired })),
    };
  } finally {
    await closePropertyLab(backend);
  }
}

/** The batch after normalisation: time → the last candle given for it. */
export function lastGiven(batch: ClosedCandle[]): CandleMap {
  const m: CandleMap = new Map();
  for (const c of batch) m.set(c.candle_time, c);
  return m;
}

export const sortedTimes = (m: CandleMap | undefined) => [...(m ?? new Map()).keys()].sort((a, b) => a - b);
