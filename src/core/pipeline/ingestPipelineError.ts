/**
 * `IngestPipelineError`: a failure that says where it happened and what was undone.
 * Message: `ingest_pipeline_failed:<step>:<series_id>:<cause>` then, in this order and
 * only where they apply, `:compensated`, `:overlay_reset`, `:candle_rows:<n>`,
 * `:compensation_error:<error>`.
 */
export type IngestStep = 'store.upsert_many_closed' | 'factor.ingest_closed' | 'overlay.ingest_closed';
export const INGEST_STEPS: readonly IngestStep[] = ['store.upsert_many_closed', 'factor.ingest_closed', 'overlay.ingest_closed'];

export interface IngestPipelineErrorFields {
  step: IngestStep;
  series_id: string;
  cause: string;
  compensated: boolean;
  overlay_compensated: boolean;
  candle_compensated_rows: number;
  compensation_error: string | null;
}

export function ingestPipelineErrorMessage(f: IngestPipelineErrorFields): string {
  let msg = `ingest_pipeline_failed:${f.step}:${f.series_id}:${f.cause}`;
  if (f.compensated) msg += ':compensated';
  if (f.overlay_compensated) msg += ':overlay_reset';
  if (f.candle_compensated_rows > 0) msg += `:candle_rows:${f.candle_compensated_rows}`;
  if (f.compensation_error) msg += `:compensation_error:${f.compensation_error}`;
  return msg;
}

export class IngestPipelineError extends Error implements IngestPipelineErrorFields {
  readonly step: IngestStep;
  readonly series_id: string;
  override readonly cause: string;
  readonly compensated: boolean;
  readonly overlay_compensated: boolean;
  readonly candle_compensated_rows: number;
  readonly compensation_error: string | null;

  constructor(fields: IngestPipelineErrorFields) {
    super(ingestPipelineErrorMessage(fields));
    this.name = 'IngestPipelineError';
    this.step = fields.step;
    this.series_id = fields.series_id;
    this.cause = fields.cause;
    this.compensated = fields.compensated;
    this.overlay_compensated = fields.overlay_compensated;
    this.candle_compensated_rows = fields.candle_compensated_rows;
    this.compensation_error = fields.compensation_error;
  }

  /** The seven fields as plain data (debug events, run traces). */
  toFields(): IngestPipelineErrorFields {
    return {
      step: this.step,
      series_id: this.series_id,
      cause: this.cause,
      compensated: this.compensated,
      overlay_compensated: this.overlay_compensated,
      candle_compensated_rows: this.candle_compensated_rows,
      compensation_error: this.compensation_error,
    };
  }
}

/**
 * The text of a caught value, as Python's `str(exc)` would give it. Storage errors keep
 * their name (`QuotaExceededError: …`), and an `AbortError` wrapping the real error (as
 * Dexie reports a transaction the browser aborted) names both, so the cause stays clear.
 */
export function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const err = e as { name?: unknown; message?: unknown; inner?: unknown };
    const name = typeof err.name === 'string' ? err.name : '';
    const message = typeof err.message === 'string' ? err.message : '';
    if (err.inner !== undefined && err.inner !== null) {
      // Dexie may wrap an AbortError in another: say each name once.
      const inner = errorText(err.inner);
      const prefix = `${name || 'Error'}: `;
      return inner.startsWith(prefix) ? inner : prefix + inner;
    }
    if (STORAGE_ERROR_NAMES.has(name)) return `${name}: ${message}`;
    if (message || name) return message || name;
  }
  return String(e);
}

const STORAGE_ERROR_NAMES = new Set(['QuotaExceededError', 'AbortError', 'InvalidStateError', 'UnknownError', 'DataError', 'ConstraintError', 'VersionError']);
