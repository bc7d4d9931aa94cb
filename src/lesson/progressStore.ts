/**
 * The learner's progress, kept in its own IndexedDB database so that resetting the lab
 * never loses it: sections read, scenario goals met, each checkpoint question's parts.
 */
import Dexie, { type Table } from 'dexie';
import type { PredictionGrade } from './predictionGrading';
import type { Lang } from './lessonTypes';

export interface QuestionProgress {
  predicted?: Record<string, string>;
  grades?: PredictionGrade[];
  choice?: string[];
  choice_correct?: boolean;
  lab_task_done?: boolean;
  explanation?: string;
  model_revealed?: boolean;
}

export interface ScenarioProgress {
  done: boolean;
  /** Draw reads and repair calls used (drills). */
  calls?: number;
}

export interface Progress {
  lang: Lang | null;
  sections_read: string[];
  scenarios: Record<string, ScenarioProgress>;
  questions: Record<string, QuestionProgress>;
}

export const EMPTY_PROGRESS: Progress = { lang: null, sections_read: [], scenarios: {}, questions: {} };

/** A question counts as done once the prediction was run, the choice answered right and the lab task met. */
export function questionDone(q: QuestionProgress | undefined): boolean {
  return !!q && !!q.grades && q.choice_correct === true && q.lab_task_done === true;
}

class ProgressDatabase extends Dexie {
  progress!: Table<{ key: string; value: Progress }, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ progress: 'key' });
  }
}

export class ProgressStore {
  private readonly db: ProgressDatabase;
  constructor(name = 'fault-isolation-lab-progress') {
    this.db = new ProgressDatabase(name);
  }

  async load(): Promise<Progress> {
    const row = await this.db.progress.get('learner');
    return { ...structuredClone(EMPTY_PROGRESS), ...(row?.value ?? {}) };
  }

  async save(progress: Progress): Promise<void> {
    await this.db.progress.put({ key: 'learner', value: structuredClone(progress) });
  }

  async reset(): Promise<Progress> {
    const fresh = { ...structuredClone(EMPTY_PROGRESS), lang: (await this.load()).lang };
    await this.save(fresh);
    return fresh;
  }

  close(): void {
    this.db.close();
  }
}
