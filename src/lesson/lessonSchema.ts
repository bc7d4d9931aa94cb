/**
 * Schemas for lesson data and share links (valibot). Scenarios and questions are checked
 * when loaded; a share link is checked before anything runs, so a broken or hostile link
 * gets a clear message and changes nothing.
 */
import * as v from 'valibot';
import { faultSpecProblem, type FaultSpec } from '../core/faults/faultInjector';
import { validateEnv, type Env } from '../core/flags/runtimeFlags';
import { isOnGrid } from '../core/domain/series';
import { CandleSchema, MAX_RUN_SERIES, SeriesIdSchema } from '../core/http/requestSchemas';

const text = (max = 4000) => v.pipe(v.string(), v.maxLength(max));
export const LocalizedSchema = v.strictObject({ en: text(), zh: text() });

export const EnvSchema = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(80)), v.pipe(v.string(), v.maxLength(64))),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const errors = validateEnv(dataset.value as Env);
    if (errors[0]) addIssue({ message: errors[0].message });
  }),
);

export const FaultSpecSchema = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = faultSpecProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
  v.transform((x) => x as FaultSpec),
);

const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

export const BatchRecipeSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('next'), count: v.pipe(count(500), v.minValue(1)) }),
  v.strictObject({ kind: v.literal('overlap'), overlap: count(200), fresh: count(500) }),
]);

export const LabActionSchema = v.variant('do', [
  v.strictObject({ do: v.literal('ingest'), series_id: SeriesIdSchema, batch: BatchRecipeSchema }),
  v.pipe(
    v.strictObject({ do: v.literal('ingest_candles'), series_id: SeriesIdSchema, candles: v.pipe(v.array(CandleSchema), v.minLength(1), v.maxLength(500)) }),
    v.check((a) => a.candles.every((c) => isOnGrid(a.series_id, c.candle_time)), 'candles: every candle_time must lie on the series timeframe grid'),
  ),
  v.pipe(
    v.strictObject({
      do: v.literal('ingest_multi_candles'),
      batches: v.pipe(
        v.record(SeriesIdSchema, v.pipe(v.array(CandleSchema), v.minLength(1), v.maxLength(500))),
        v.check((b) => Object.keys(b).length >= 1 && Object.keys(b).length <= MAX_RUN_SERIES, `batches: 1 to ${MAX_RUN_SERIES} series`),
      ),
    }),
    v.check(
      (a) => Object.entries(a.batches).every(([id, cs]) => cs.every((c) => isOnGrid(id, c.candle_time))),
      'batches: every candle_time must lie on its series timeframe grid',
    ),
  ),
  v.strictObject({
    do: v.literal('ingest_multi'),
    batches: v.pipe(v.array(v.strictObject({ series_id: SeriesIdSchema, batch: BatchRecipeSchema })), v.minLength(1), v.maxLength(5)),
  }),
  v.strictObject({ do: v.literal('arm_fault'), fault: FaultSpecSchema }),
  v.strictObject({ do: v.literal('disarm_all') }),
  v.strictObject({ do: v.literal('restart'), env: v.optional(EnvSchema) }),
  v.strictObject({ do: v.literal('draw_read'), series_id: SeriesIdSchema }),
  v.strictObject({ do: v.literal('repair'), series_id: SeriesIdSchema, to_time: v.optional(count(4102444800)) }),
  v.strictObject({ do: v.literal('tamper_overlay'), series_id: SeriesIdSchema, how: v.picklist(['delete', 'alter']) }),
]);

export const ScenarioSetupSchema = v.strictObject({
  env: EnvSchema,
  series: v.optional(v.pipe(v.array(SeriesIdSchema), v.minLength(1), v.maxLength(5))),
  history: v.optional(v.strictObject({ count: v.pipe(count(2000), v.minValue(1)), seed: count(2 ** 31) })),
  faults: v.optional(v.pipe(v.array(FaultSpecSchema), v.maxLength(10))),
  prelude: v.optional(v.pipe(v.array(LabActionSchema), v.maxLength(50))),
});

const fieldValues = v.record(v.pipe(v.string(), v.maxLength(64)), v.union([v.string(), v.number(), v.boolean(), v.null()]));

export const GoalCheckSchema = v.variant('check', [
  v.strictObject({ check: v.literal('response'), path: text(200), status: v.number(), detail: v.optional(text(300)), label: LocalizedSchema }),
  v.strictObject({ check: v.literal('last_response'), path: text(200), status: v.number(), detail: v.optional(text(300)), label: LocalizedSchema }),
  v.strictObject({ check: v.literal('pipeline_error'), fields: fieldValues, label: LocalizedSchema }),
  v.strictObject({
    check: v.literal('ledger'),
    series_id: SeriesIdSchema,
    in_sync: v.optional(v.boolean()),
    overlay_head_behind: v.optional(v.boolean()),
    label: LocalizedSchema,
  }),
  v.strictObject({ check: v.literal('only_new_rolled_back'), series_id: SeriesIdSchema, min_overwritten: v.optional(count(1000)), label: LocalizedSchema }),
  v.strictObject({ check: v.literal('orphan_new_candles'), series_id: SeriesIdSchema, label: LocalizedSchema }),
  v.strictObject({ check: v.literal('series_untouched'), series_id: SeriesIdSchema, label: LocalizedSchema }),
  v.strictObject({ check: v.literal('debug_event'), event: text(200), data: v.optional(fieldValues), label: LocalizedSchema }),
  v.strictObject({ check: v.literal('flag'), env: text(80), value: text(64), label: LocalizedSchema }),
]);

export const ScenarioSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  section: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  title: LocalizedSchema,
  brief: LocalizedSchema,
  goal: LocalizedSchema,
  hints: v.array(LocalizedSchema),
  setup: ScenarioSetupSchema,
  solution: v.array(LabActionSchema),
  checks: v.array(GoalCheckSchema),
  par_calls: v.optional(count(100)),
});

const ChoiceOptionSchema = v.strictObject({ id: v.string(), text: LocalizedSchema, correct: v.boolean(), feedback: LocalizedSchema });

export const CheckpointQuestionSchema = v.strictObject({
  id: v.string(),
  number: v.picklist([1, 2, 3, 4, 5]),
  prompt: LocalizedSchema,
  predict: v.strictObject({
    scenario: v.string(),
    intro: LocalizedSchema,
    items: v.array(
      v.strictObject({
        id: v.string(),
        measure: v.picklist(['status', 'detail', 'new_candles_remain', 'overwritten_candles_remain', 'overlay_compensated', 'candle_compensated_rows']),
        prompt: LocalizedSchema,
        options: v.pipe(v.array(v.strictObject({ value: v.string(), label: LocalizedSchema })), v.minLength(2)),
      }),
    ),
  }),
  choice: v.strictObject({ multi: v.boolean(), prompt: LocalizedSchema, options: v.pipe(v.array(ChoiceOptionSchema), v.minLength(2)) }),
  lab_task: v.strictObject({ scenario: v.string(), prompt: LocalizedSchema }),
  explain_prompt: LocalizedSchema,
  model_answer: LocalizedSchema,
});
