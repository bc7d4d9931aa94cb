/**
 * The "Fault Isolation Lab" lesson: section ids in order (their text is in sections/,
 * one markdown file per language), every guided scenario, and the five checkpoint
 * questions in order.
 */
import type { CheckpointQuestion, Scenario } from '../../src/lesson/lessonTypes';
import { scenario as happyIngest } from './scenarios/happy-ingest';
import { scenario as factorFailsOrphans } from './scenarios/factor-fails-orphans';
import { scenario as multiSeriesFirstFails } from './scenarios/multi-series-first-fails';
import { scenario as storeFailsAtomic } from './scenarios/store-fails-atomic';
import { scenario as factorFailsCompensated } from './scenarios/factor-fails-compensated';
import { scenario as overlayFailsResetOnly } from './scenarios/overlay-fails-reset-only';
import { scenario as overlayFailsBothFlags } from './scenarios/overlay-fails-both-flags';
import { scenario as factorFailsBothFlags } from './scenarios/factor-fails-both-flags';
import { scenario as compensationFails } from './scenarios/compensation-fails';
import { scenario as fingerprintRebuild } from './scenarios/fingerprint-rebuild';
import { scenario as client500VsDebugEvent } from './scenarios/client-500-vs-debug-event';
import { scenario as crashThenRepair } from './scenarios/crash-then-repair';
import { scenario as tamperedOverlay } from './scenarios/tampered-overlay';
import { scenario as repairDrill } from './scenarios/repair-drill';
import { scenario as sandbox } from './scenarios/sandbox';
import { question as q1 } from './questions/q1';
import { question as q2 } from './questions/q2';
import { question as q3 } from './questions/q3';
import { question as q4 } from './questions/q4';
import { question as q5 } from './questions/q5';

export { sectionIds } from './sectionOrder';

export const scenarios: Scenario[] = [
  happyIngest,
  factorFailsOrphans,
  multiSeriesFirstFails,
  storeFailsAtomic,
  factorFailsCompensated,
  overlayFailsResetOnly,
  overlayFailsBothFlags,
  factorFailsBothFlags,
  compensationFails,
  fingerprintRebuild,
  client500VsDebugEvent,
  crashThenRepair,
  tamperedOverlay,
  repairDrill,
  sandbox,
];

export const questions: CheckpointQuestion[] = [q1, q2, q3, q4, q5];
