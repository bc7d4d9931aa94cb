/**
 * SPEC §8, runtime flags: the real env names and defaults, parsing, and when they take
 * effect: read once when the service starts, so a change needs backend.restart(); the env
 * a lab ran with is kept across a re-open of the same database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FLAG_REGISTRY, LabBackend, ManualClock, defaultEnvValue, findFlag, readRuntimeFlags, validateEnv } from '../../../src/core/index';
import {
  DEBUG_ENV,
  FLAG,
  SID,
  at,
  candles,
  closeBackends,
  openBackend,
  pipelineError,
  postBatch,
  storedTimes,
  uniqueDbName,
} from '../helpers/backend';

afterEach(closeBackends);

/** SPEC §8, row by row. */
const SPEC_DEFAULTS = {
  TRADE_CANVAS_ENABLE_DEBUG_API: ['enable_debug_api', false],
  TRADE_CANVAS_ENABLE_DEV_API: ['enable_dev_api', false],
  TRADE_CANVAS_ENABLE_READ_REPAIR_API: ['enable_read_repair_api', false],
  TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR: ['overlay_compensate_on_error', false],
  TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES: ['candle_compensate_on_error', false],
  TRADE_CANVAS_ENABLE_FACTOR_INGEST: ['enable_factor_ingest', true],
  TRADE_CANVAS_ENABLE_OVERLAY_INGEST: ['enable_overlay_ingest', true],
  TRADE_CANVAS_ENABLE_FACTOR_FINGERPRINT_REBUILD: ['enable_factor_fingerprint_rebuild', true],
  TRADE_CANVAS_FACTOR_LOGIC_VERSION: ['factor_logic_version', ''],
  TRADE_CANVAS_PIVOT_WINDOW_MAJOR: ['pivot_window_major', 50],
  TRADE_CANVAS_PIVOT_WINDOW_MINOR: ['pivot_window_minor', 5],
  TRADE_CANVAS_FACTOR_REBUILD_KEEP_CANDLES: ['factor_rebuild_keep_candles', 2000],
  TRADE_CANVAS_OVERLAY_WINDOW_CANDLES: ['overlay_window_candles', 2000],
} as const;

describe('names and defaults', () => {
  it('has exactly the env names of SPEC §8', () => {
    expect(FLAG_REGISTRY.map((f) => f.env).sort()).toEqual(Object.keys(SPEC_DEFAULTS).sort());
  });

  it('an empty env gives the real backend’s defaults', () => {
    const flags = readRuntimeFlags({}) as unknown as Record<string, unknown>;
    for (const [env, [setting, value]] of Object.entries(SPEC_DEFAULTS)) expect(flags[setting], env).toBe(value);
  });

  it('states each default as an env value a panel can show', () => {
    expect(defaultEnvValue(findFlag(FLAG.factorIngest)!)).toBe('1');
    expect(defaultEnvValue(findFlag(FLAG.debug)!)).toBe('0');
    expect(defaultEnvValue(findFlag(FLAG.pivotMajor)!)).toBe('50');
    expect(defaultEnvValue(findFlag(FLAG.logicVersion)!)).toBe('');
  });
});

describe('parsing', () => {
  it.each(['1', 'true', 'TRUE', 'yes', 'on', ' on '])('bool %j is on', (raw) => {
    expect(readRuntimeFlags({ [FLAG.debug]: raw }).enable_debug_api).toBe(true);
  });

  it.each(['0', 'false', 'no', 'off', ''])('bool %j is off', (raw) => {
    expect(readRuntimeFlags({ [FLAG.factorIngest]: raw }).enable_factor_ingest).toBe(false);
  });

  it('refuses other bool words, naming the variable', () => {
    expect(() => readRuntimeFlags({ [FLAG.debug]: 'maybe' })).toThrow(/^TRADE_CANVAS_ENABLE_DEBUG_API="maybe": expected/);
  });

  it('reads whole numbers and clamps them to their minimum', () => {
    const f = readRuntimeFlags({ [FLAG.pivotMajor]: '7', [FLAG.pivotMinor]: '0', [FLAG.keepCandles]: '50', [FLAG.overlayWindow]: '-3' });
    expect([f.pivot_window_major, f.pivot_window_minor, f.factor_rebuild_keep_candles, f.overlay_window_candles]).toEqual([7, 1, 100, 100]);
    expect(readRuntimeFlags({ [FLAG.pivotMajor]: '' }).pivot_window_major).toBe(50);
  });

  it('refuses a number that is not whole, naming the variable', () => {
    expect(() => readRuntimeFlags({ [FLAG.pivotMinor]: '2.5' })).toThrow(/TRADE_CANVAS_PIVOT_WINDOW_MINOR.*whole number/);
    expect(() => readRuntimeFlags({ [FLAG.keepCandles]: 'lots' })).toThrow(/TRADE_CANVAS_FACTOR_REBUILD_KEEP_CANDLES/);
  });

  it('trims the logic version and refuses an over-long one', () => {
    expect(readRuntimeFlags({ [FLAG.logicVersion]: ' v2 ' }).factor_logic_version).toBe('v2');
    expect(() => readRuntimeFlags({ [FLAG.logicVersion]: 'x'.repeat(65) })).toThrow(/TRADE_CANVAS_FACTOR_LOGIC_VERSION/);
  });

  it('refuses names that are not flags of this backend', () => {
    const errors = validateEnv({ TRADE_CANVAS_ENABLE_TELEPORT: '1', [FLAG.debug]: 'x' });
    expect(errors.map((e) => e.env)).toEqual(['TRADE_CANVAS_ENABLE_TELEPORT', FLAG.debug]);
    expect(() => readRuntimeFlags({ TRADE_CANVAS_ENABLE_TELEPORT: '1' })).toThrow(/TRADE_CANVAS_ENABLE_TELEPORT.*not a runtime flag/);
  });
});

describe('read when the service starts', () => {
  const history = candles(10, 6);
  const failing = async (backend: LabBackend) => {
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    return pipelineError(backend.service.pipeline.run({ [SID]: candles(3, 2, at(10)) }));
  };

  it('a flag change takes effect only after restart()', async () => {
    const dbName = uniqueDbName();
    const backend = await openBackend(DEBUG_ENV, { dbName });
    await backend.service.pipeline.run({ [SID]: history });
    // Another tab of the same lab opens with compensation on: the env is written to the
    // database, but this running service keeps the flags it started with.
    const other = await LabBackend.open({ dbName, env: { ...DEBUG_ENV, [FLAG.compensateCandles]: '1' }, clock: new ManualClock() });
    other.close();
    expect((await failing(backend)).compensated).toBe(false);
    expect(await storedTimes(backend, SID)).toHaveLength(13);

    await backend.restart({ ...DEBUG_ENV, [FLAG.compensateCandles]: '1' });
    backend.faults.arm({ point: 'factor.ingest_closed', trigger: { mode: 'once' } });
    const e = await pipelineError(backend.service.pipeline.run({ [SID]: candles(2, 2, at(13)) }));
    expect([e.compensated, e.candle_compensated_rows]).toEqual([true, 2]);
    expect(await storedTimes(backend, SID)).toHaveLength(13);
  });

  it('changing the env object after start changes nothing', async () => {
    const env = { ...DEBUG_ENV };
    const backend = await openBackend(env);
    env[FLAG.debug] = '0';
    await postBatch(backend, SID, history);
    expect(backend.debug.list().length).toBeGreaterThan(0);
  });

  it('restart() without an env keeps the current one; the debug hub follows the flag', async () => {
    const backend = await openBackend({ ...DEBUG_ENV, [FLAG.pivotMajor]: '4' });
    await backend.restart();
    expect(backend.flags.pivot_window_major).toBe(4);
    await backend.restart({ ...DEBUG_ENV, [FLAG.debug]: '0' });
    await postBatch(backend, SID, history);
    expect(backend.debug.list()).toEqual([]);
  });

  it('a bad env on restart throws and leaves the running service as it was', async () => {
    const backend = await openBackend(DEBUG_ENV);
    await expect(backend.restart({ [FLAG.pivotMajor]: 'many' })).rejects.toThrow(/TRADE_CANVAS_PIVOT_WINDOW_MAJOR/);
    expect(backend.env).toEqual(DEBUG_ENV);
    expect(backend.flags.pivot_window_major).toBe(2);
    expect((await postBatch(backend, SID, history)).status).toBe(200);
  });

  it('a bad env refuses to open', async () => {
    await expect(LabBackend.open({ dbName: uniqueDbName(), env: { [FLAG.debug]: 'perhaps' } })).rejects.toThrow(/TRADE_CANVAS_ENABLE_DEBUG_API/);
  });

  it('keeps the env across a re-open of the same database', async () => {
    const dbName = uniqueDbName();
    const env = { ...DEBUG_ENV, [FLAG.compensateOverlay]: '1', [FLAG.pivotMajor]: '3' };
    const first = await openBackend(env, { dbName });
    await first.restart({ ...env, [FLAG.pivotMinor]: '2' });
    first.close();
    const again = await openBackend(undefined, { dbName, keepEnv: true });
    expect(again.env).toEqual({ ...env, [FLAG.pivotMinor]: '2' });
    expect([again.flags.overlay_compensate_on_error, again.flags.pivot_window_major, again.flags.pivot_window_minor]).toEqual([true, 3, 2]);
    // An env given on open wins over the kept one.
    again.close();
    const third = await openBackend({}, { dbName });
    expect(third.flags.overlay_compensate_on_error).toBe(false);
  });
});
