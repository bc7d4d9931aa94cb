/**
 * Running the prepared fault of a "predict, then run" step. It runs in a scratch
 * database, so predicting never disturbs the learner's own lab; the learner can then
 * open the same scenario in the lab to look closer.
 */
import type { Clock } from '../core/clock';
import { LabBackend } from '../core/lab/labBackend';
import type { RunTrace } from '../core/lab/runTrace';
import { runLabAction } from './labActions';
import type { PredictionItem, Scenario } from './lessonTypes';
import { gradePredictions, measureRun, type PredictionGrade } from './predictionGrading';
import { applySetup } from './scenarioSetup';

const WRITE_PATHS = ['/api/market/ingest/candles_closed_batch', '/api/market/ingest/candle_closed', '/lab/pipeline/run'];

export interface PredictionRun {
  trace: RunTrace;
  grades: PredictionGrade[];
  /** What really happened, per item, in the prediction options' words. */
  actual: Record<string, string>;
}

let scratch = 0;

/** Sets up the scenario and runs its solution up to the first write: that write is the run to predict. */
export async function runPrediction(
  scenario: Scenario,
  items: readonly PredictionItem[],
  predicted: Record<string, string>,
  clock?: Clock,
): Promise<PredictionRun> {
  const dbName = `fault-isolation-lab-predict-${globalThis.crypto.randomUUID()}-${scratch++}`;
  const backend = await LabBackend.open(clock ? { dbName, env: scenario.setup.env, clock } : { dbName, env: scenario.setup.env });
  try {
    const ctx = await applySetup(backend, scenario.setup);
    let trace: RunTrace | null = null;
    for (const action of scenario.solution) {
      const t = await runLabAction(backend, action, ctx);
      if (t && WRITE_PATHS.includes(t.request.path)) {
        trace = t;
        break;
      }
    }
    if (!trace) throw new Error(`scenario ${scenario.id} has no write to predict`);
    const grades = await gradePredictions(backend, trace, items, predicted);
    const actual: Record<string, string> = {};
    for (const item of items) actual[item.id] = await measureRun(backend, trace, item.measure);
    return { trace, grades, actual };
  } finally {
    backend.close();
    await backend.db.delete().catch(() => undefined);
  }
}
