/**
 * The runtime flags of the real backend (`backend/app/runtime_flags.py`): environment
 * variables read once when the service starts. The registry below is what the flags
 * panel renders; adding a flag is one entry here.
 */
export type Env = Record<string, string>;

interface FlagBase {
  env: string;
  /** The backend's own name for the setting, where it has one (e.g. `pivot_window_major`). */
  setting: string;
  summary: { en: string; zh: string };
}
export interface BoolFlag extends FlagBase {
  type: 'bool';
  default: boolean;
}
export interface IntFlag extends FlagBase {
  type: 'int';
  default: number;
  min: number;
}
export interface StringFlag extends FlagBase {
  type: 'string';
  default: string;
}
export type FlagSpec = BoolFlag | IntFlag | StringFlag;

export const FLAG_REGISTRY = [
  {
    env: 'TRADE_CANVAS_ENABLE_DEBUG_API',
    setting: 'enable_debug_api',
    type: 'bool',
    default: false,
    summary: { en: 'Debug hub events are emitted and readable.', zh: '开启后才会产生并可读取 debug hub 事件。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_DEV_API',
    setting: 'enable_dev_api',
    type: 'bool',
    default: false,
    summary: { en: '/api/dev/* routes exist (otherwise 404).', zh: '开启后 /api/dev/* 路由才存在（否则 404）。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_READ_REPAIR_API',
    setting: 'enable_read_repair_api',
    type: 'bool',
    default: false,
    summary: { en: 'The repair route exists (needs the dev API too).', zh: '修复路由存在（还需要 dev API 开关）。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_OVERLAY_ERROR',
    setting: 'overlay_compensate_on_error',
    type: 'bool',
    default: false,
    summary: { en: 'Overlay step fails → try overlay.reset_series.', zh: 'overlay 步骤失败 → 尝试 overlay.reset_series。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_INGEST_COMPENSATE_NEW_CANDLES',
    setting: 'candle_compensate_on_error',
    type: 'bool',
    default: false,
    summary: {
      en: 'Factor or overlay step fails → delete only this batch’s new_candle_times.',
      zh: 'factor 或 overlay 失败 → 只删除本批的 new_candle_times。',
    },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_FACTOR_INGEST',
    setting: 'enable_factor_ingest',
    type: 'bool',
    default: true,
    summary: { en: 'The factor step computes (off: it does nothing).', zh: 'factor 步骤真正计算（关闭则什么也不做）。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_OVERLAY_INGEST',
    setting: 'enable_overlay_ingest',
    type: 'bool',
    default: true,
    summary: { en: 'The overlay step draws (off: it does nothing).', zh: 'overlay 步骤真正绘制（关闭则什么也不做）。' },
  },
  {
    env: 'TRADE_CANVAS_ENABLE_FACTOR_FINGERPRINT_REBUILD',
    setting: 'enable_factor_fingerprint_rebuild',
    type: 'bool',
    default: true,
    summary: {
      en: 'Fingerprint mismatch → clear factors, trim candles, recompute.',
      zh: 'fingerprint 不一致 → 清空因子、裁剪 candle、重算。',
    },
  },
  {
    env: 'TRADE_CANVAS_FACTOR_LOGIC_VERSION',
    setting: 'factor_logic_version',
    type: 'string',
    default: '',
    summary: { en: 'Overrides the logic version in the fingerprint.', zh: '覆盖 fingerprint 里的逻辑版本号。' },
  },
  {
    env: 'TRADE_CANVAS_PIVOT_WINDOW_MAJOR',
    setting: 'pivot_window_major',
    type: 'int',
    default: 50,
    min: 1,
    summary: { en: 'Candles on each side that confirm a major pivot.', zh: '确认 major pivot 需要两侧各多少根 candle。' },
  },
  {
    env: 'TRADE_CANVAS_PIVOT_WINDOW_MINOR',
    setting: 'pivot_window_minor',
    type: 'int',
    default: 5,
    min: 1,
    summary: { en: 'Candles on each side that confirm a minor pivot.', zh: '确认 minor pivot 需要两侧各多少根 candle。' },
  },
  {
    env: 'TRADE_CANVAS_FACTOR_REBUILD_KEEP_CANDLES',
    setting: 'factor_rebuild_keep_candles',
    type: 'int',
    default: 2000,
    min: 100,
    summary: { en: 'Candles kept when a fingerprint rebuild trims the series.', zh: '重建时裁剪后保留的 candle 数。' },
  },
  {
    env: 'TRADE_CANVAS_OVERLAY_WINDOW_CANDLES',
    setting: 'overlay_window_candles',
    type: 'int',
    default: 2000,
    min: 100,
    summary: { en: 'How many recent candles the overlay draws over.', zh: 'overlay 绘制覆盖最近多少根 candle。' },
  },
] as const satisfies readonly FlagSpec[];

export type FlagEnvName = (typeof FLAG_REGISTRY)[number]['env'];

/** The flags as the service uses them, read once at start. */
export interface RuntimeFlags {
  enable_debug_api: boolean;
  enable_dev_api: boolean;
  enable_read_repair_api: boolean;
  overlay_compensate_on_error: boolean;
  candle_compensate_on_error: boolean;
  enable_factor_ingest: boolean;
  enable_overlay_ingest: boolean;
  enable_factor_fingerprint_rebuild: boolean;
  factor_logic_version: string;
  pivot_window_major: number;
  pivot_window_minor: number;
  factor_rebuild_keep_candles: number;
  overlay_window_candles: number;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', '']);

/** Why an env value was not accepted, naming the variable. */
export class FlagValueError extends Error {
  constructor(
    readonly env: string,
    readonly value: string,
    reason: string,
  ) {
    super(`${env}=${JSON.stringify(value)}: ${reason}`);
  }
}

export function findFlag(env: string): FlagSpec | undefined {
  return (FLAG_REGISTRY as readonly FlagSpec[]).find((f) => f.env === env);
}

/** Checks one env value; throws FlagValueError with a message naming the variable. */
export function parseFlagValue(spec: FlagSpec, raw: string): boolean | number | string {
  const value = raw.trim();
  if (spec.type === 'bool') {
    const lower = value.toLowerCase();
    if (TRUE_WORDS.has(lower)) return true;
    if (FALSE_WORDS.has(lower)) return false;
    throw new FlagValueError(spec.env, raw, 'expected 1/0, true/false, yes/no or on/off');
  }
  if (spec.type === 'int') {
    if (value === '') return spec.default;
    if (!/^-?\d+$/.test(value)) throw new FlagValueError(spec.env, raw, 'expected a whole number');
    // The backend clamps to the minimum rather than refusing (SPEC §8: "min 1", "min 100").
    return Math.max(spec.min, Number.parseInt(value, 10));
  }
  if (value.length > 64) throw new FlagValueError(spec.env, raw, 'at most 64 characters');
  return value;
}

/** Checks a whole env: unknown TRADE_CANVAS_* names and bad values are refused. */
export function validateEnv(env: Env): FlagValueError[] {
  const errors: FlagValueError[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const spec = findFlag(name);
    if (!spec) {
      errors.push(new FlagValueError(name, raw, 'not a runtime flag of this backend'));
      continue;
    }
    if (typeof raw !== 'string') {
      errors.push(new FlagValueError(name, String(raw), 'env values are strings'));
      continue;
    }
    try {
      parseFlagValue(spec, raw);
    } catch (e) {
      errors.push(e as FlagValueError);
    }
  }
  return errors;
}

/** Reads the flags from an env, as the service does at start. Unset means the default. */
export function readRuntimeFlags(env: Env): RuntimeFlags {
  const errors = validateEnv(env);
  if (errors.length > 0) throw errors[0];
  const out: Record<string, boolean | number | string> = {};
  for (const spec of FLAG_REGISTRY as readonly FlagSpec[]) {
    const raw = env[spec.env];
    out[spec.setting] = raw === undefined ? spec.default : parseFlagValue(spec, raw);
  }
  return out as unknown as RuntimeFlags;
}

/** The env value that states a flag's default, for panels that show "default". */
export function defaultEnvValue(spec: FlagSpec): string {
  return spec.type === 'bool' ? (spec.default ? '1' : '0') : String(spec.default);
}
