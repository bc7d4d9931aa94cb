/**
 * Exporting the lab and the learner's progress to a file, and importing it back. An
 * imported file is checked row by row before anything is written: a bad file gets a
 * message naming what is wrong and changes nothing.
 */
import * as v from 'valibot';
import { CandleSchema, SeriesIdSchema } from '../core/http/requestSchemas';
import { LAB_SNAPSHOT_VERSION, type LabSnapshot } from '../core/lab/labSnapshot';
import { describeIssues } from './describeIssues';
import { EnvSchema, FaultSpecSchema } from './lessonSchema';
import type { Progress } from './progressStore';

export const LAB_FILE_FORMAT = 'fault-isolation-lab';
export const MAX_LAB_FILE_BYTES = 20 * 1024 * 1024;

const int = v.pipe(v.number(), v.integer());
const time = v.pipe(int, v.minValue(0));
const nullableTime = v.nullable(time);

const CandleRowSchema = v.intersect([CandleSchema, v.object({ series_id: SeriesIdSchema })]);
const FactorEventRowSchema = v.looseObject({
  id: v.optional(int),
  series_id: SeriesIdSchema,
  kind: v.picklist(['pivot', 'pen']),
  candle_time: time,
  visible_time: time,
});
const OverlayVersionRowSchema = v.object({
  version_id: int,
  series_id: SeriesIdSchema,
  instruction_id: v.pipe(v.string(), v.maxLength(200)),
  kind: v.picklist(['marker', 'polyline']),
  visible_time: time,
  definition: v.looseObject({}),
});
const ArmedFaultSchema = v.intersect([
  FaultSpecSchema,
  v.looseObject({ id: int, calls: int, fired: int, spent: v.boolean() }),
]);

const LabSnapshotSchema = v.object({
  version: v.literal(LAB_SNAPSHOT_VERSION),
  tables: v.object({
    candles: v.array(CandleRowSchema),
    factor_events: v.array(FactorEventRowSchema),
    factor_series_state: v.array(v.object({ series_id: SeriesIdSchema, head_time: nullableTime, fingerprint: v.nullable(v.pipe(v.string(), v.maxLength(64))) })),
    overlay_versions: v.array(OverlayVersionRowSchema),
    overlay_series_state: v.array(v.object({ series_id: SeriesIdSchema, head_time: nullableTime })),
  }),
  env: EnvSchema,
  status: v.picklist(['running', 'crashed']),
  publish_mode: v.picklist(['best_effort', 'strict']),
  faults: v.object({ next_id: int, faults: v.pipe(v.array(ArmedFaultSchema), v.maxLength(50)) }),
});

const ProgressSchema = v.object({
  lang: v.nullable(v.picklist(['en', 'zh'])),
  sections_read: v.array(v.pipe(v.string(), v.maxLength(64))),
  scenarios: v.record(v.pipe(v.string(), v.maxLength(64)), v.object({ done: v.boolean(), calls: v.optional(int) })),
  questions: v.record(v.pipe(v.string(), v.maxLength(64)), v.looseObject({ explanation: v.optional(v.pipe(v.string(), v.maxLength(20_000))) })),
});

const LabFileSchema = v.object({
  format: v.literal(LAB_FILE_FORMAT, `format: this is not a ${LAB_FILE_FORMAT} export`),
  version: v.literal(1, 'version: only version 1 files can be read'),
  exported_at: v.string(),
  lab: LabSnapshotSchema,
  progress: v.optional(ProgressSchema),
});

export interface LabFile {
  format: typeof LAB_FILE_FORMAT;
  version: 1;
  exported_at: string;
  lab: LabSnapshot;
  progress?: Progress;
}

export class LabFileError extends Error {}

export function makeLabFile(lab: LabSnapshot, progress: Progress | undefined, exportedAt: string): LabFile {
  return progress ? { format: LAB_FILE_FORMAT, version: 1, exported_at: exportedAt, lab, progress } : { format: LAB_FILE_FORMAT, version: 1, exported_at: exportedAt, lab };
}

/** Parses and checks a file's text; throws LabFileError with a message for the learner. */
export function parseLabFile(text: string): LabFile {
  if (text.length > MAX_LAB_FILE_BYTES) throw new LabFileError(`the file is too large (${(text.length / 1048576).toFixed(1)} MB, at most 20 MB)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabFileError('the file is not JSON: was it exported from this lab?');
  }
  const result = v.safeParse(LabFileSchema, json);
  if (!result.success) throw new LabFileError(`the file cannot be imported: ${describeIssues(result.issues)}`);
  return result.output as unknown as LabFile;
}
