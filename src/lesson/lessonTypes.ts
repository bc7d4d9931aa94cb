/**
 * The shape of lesson content (in lessons/): sections, guided scenarios and checkpoint
 * questions. Content is data; these types and the schemas in lessonSchema.ts say what
 * is allowed. Every text a learner reads comes in both languages.
 */
import type { ClosedCandle } from '../core/domain/candle';
import type { Env } from '../core/flags/runtimeFlags';
import type { FaultSpec } from '../core/faults/faultInjector';

export type Lang = 'en' | 'zh';
/** A text in both languages. Technical names (steps, fields, flags, routes) stay verbatim in both. */
export type Localized = { en: string; zh: string };

/** How a batch for an ingest action is made (deterministic from the scenario's seed). */
export type BatchRecipe =
  /** `count` new candles after the last stored one. */
  | { kind: 'next'; count: number }
  /** The last `overlap` stored candles with changed prices, then `fresh` new ones. */
  | { kind: 'overlap'; overlap: number; fresh: number };

/** Something a learner (or a solution) does in the lab. */
export type LabAction =
  | { do: 'ingest'; series_id: string; batch: BatchRecipe }
  /** A batch the learner wrote or edited by hand (kept verbatim, so a share link replays it). */
  | { do: 'ingest_candles'; series_id: string; candles: ClosedCandle[] }
  /** Hand-written or edited candles for several series, through one IngestPipeline.run. */
  | { do: 'ingest_multi_candles'; batches: Record<string, ClosedCandle[]> }
  /** The ingest supervisor's path: one IngestPipeline.run over several series at once. */
  | { do: 'ingest_multi'; batches: { series_id: string; batch: BatchRecipe }[] }
  | { do: 'arm_fault'; fault: FaultSpec }
  | { do: 'disarm_all' }
  /** Sets these flags over the running env and restarts the service (flags apply only on restart). */
  | { do: 'restart'; env?: Env }
  | { do: 'draw_read'; series_id: string }
  | { do: 'repair'; series_id: string; to_time?: number }
  | { do: 'tamper_overlay'; series_id: string; how: 'delete' | 'alter' };

/** A check against the lab's real state and what happened since the scenario started. */
export type GoalCheck =
  /** Some response since the start had this status (and detail, when given). */
  | { check: 'response'; path: string; status: number; detail?: string; label: Localized }
  /** The last response on this path had this status. */
  | { check: 'last_response'; path: string; status: number; detail?: string; label: Localized }
  /** Some run raised an IngestPipelineError whose fields include these values. */
  | { check: 'pipeline_error'; fields: Record<string, string | number | boolean | null>; label: Localized }
  /** The ledger of a series now: in sync or not, candle count relations. */
  | { check: 'ledger'; series_id: string; in_sync?: boolean; overlay_head_behind?: boolean; label: Localized }
  /** Some run's compensation removed only candles the run added, while older ones stayed. */
  | { check: 'only_new_rolled_back'; series_id: string; min_overwritten?: number; label: Localized }
  /** Some run left the new candles of a failed batch in the store (orphans). */
  | { check: 'orphan_new_candles'; series_id: string; label: Localized }
  /** A series received no candles from a run that failed earlier in the batch. */
  | { check: 'series_untouched'; series_id: string; label: Localized }
  /** A debug event was emitted (data contains these values, when given). */
  | { check: 'debug_event'; event: string; data?: Record<string, string | number | boolean | null>; label: Localized }
  /** A flag's current (running) value. */
  | { check: 'flag'; env: string; value: string; label: Localized };

export interface ScenarioSetup {
  env: Env;
  /** Series seeded with history (default: the lab's default series). */
  series?: string[];
  history?: { count: number; seed: number };
  faults?: FaultSpec[];
  /** Actions run during setup, to bring the lab into the scenario's starting state. */
  prelude?: LabAction[];
}

export interface Scenario {
  id: string;
  /** The lesson section this scenario belongs to. */
  section: string;
  title: Localized;
  /** What the learner should try, in one or two sentences. */
  brief: Localized;
  /** The goal as shown to the learner. */
  goal: Localized;
  hints: Localized[];
  setup: ScenarioSetup;
  /** One way to reach the goal; proven by a test. Showing it never touches the learner's lab. */
  solution: LabAction[];
  checks: GoalCheck[];
  /** For drills: the number of draw reads + repair calls of the best route. */
  par_calls?: number;
}

export interface ChoiceOption {
  id: string;
  text: Localized;
  correct: boolean;
  /** Why this option is right or wrong: shown once the learner answers. */
  feedback: Localized;
}

/** One prediction the learner makes before running the prepared fault. */
export interface PredictionItem {
  id: string;
  /** What is being predicted, graded against the real run. */
  measure: 'status' | 'detail' | 'new_candles_remain' | 'overwritten_candles_remain' | 'overlay_compensated' | 'candle_compensated_rows';
  prompt: Localized;
  options: { value: string; label: Localized }[];
}

export interface CheckpointQuestion {
  id: string;
  number: 1 | 2 | 3 | 4 | 5;
  /** The lesson's own question. */
  prompt: Localized;
  /** Predict, then run: the prepared scenario whose first ingest is the run to predict. */
  predict: { scenario: string; intro: Localized; items: PredictionItem[] };
  choice: { multi: boolean; prompt: Localized; options: ChoiceOption[] };
  /** "Show it in the lab": a scenario whose goal is checked from the lab's state. */
  lab_task: { scenario: string; prompt: Localized };
  explain_prompt: Localized;
  model_answer: Localized;
}

export interface LessonSectionMeta {
  id: string;
  /** Order in the lesson, from 0. */
  order: number;
  title: Localized;
  /** Scenarios offered as "try it" in this section. */
  scenarios: string[];
}
