/**
 * The lesson side of the page: sections in the current language, where the learner is,
 * their progress (kept in IndexedDB), the active scenario and the checkpoint questions.
 */
import { getContext, setContext } from 'svelte';
import type { LabBackend } from '../../core/lab/labBackend';
import { loadLessonData, loadSections, type LessonData, type LessonSection } from '../../lesson/lessonContent';
import type { Lang } from '../../lesson/lessonTypes';
import { EMPTY_PROGRESS, ProgressStore, questionDone, type Progress, type QuestionProgress } from '../../lesson/progressStore';
import { ScenarioSession } from './scenarioSession.svelte';

export class LessonState {
  #data = $state.raw<LessonData | null>(null);
  /** Scenarios and questions are loaded by init(); nothing reads them before `ready`. */
  ready = $derived(this.#data !== null);
  sections = $state.raw<LessonSection[]>([]);
  current = $state<string>('');
  progress = $state<Progress>(structuredClone(EMPTY_PROGRESS));
  loadError = $state<string | null>(null);
  readonly session: ScenarioSession;
  private readonly store = new ProgressStore();

  allQuestionsDone = $derived(this.#data !== null && this.#data.questions.every((q) => questionDone(this.progress.questions[q.id])));

  get data(): LessonData {
    if (!this.#data) throw new Error('the lesson data is not loaded yet');
    return this.#data;
  }

  constructor(backend: () => LabBackend) {
    this.session = new ScenarioSession(backend, (scenario, calls) => {
      const prev = this.progress.scenarios[scenario.id];
      const best = prev?.calls !== undefined ? Math.min(prev.calls, calls) : calls;
      this.progress.scenarios[scenario.id] = { done: true, calls: best };
      for (const q of this.data.questions) {
        if (q.lab_task.scenario === scenario.id) this.question(q.id).lab_task_done = true;
      }
      void this.save();
    });
  }

  async init(lang: Lang): Promise<void> {
    try {
      this.#data = await loadLessonData();
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
      return;
    }
    this.progress = await this.store.load();
    await this.setLang(lang);
    this.current ||= this.sections[0]?.id ?? '';
  }

  async setLang(lang: Lang): Promise<void> {
    try {
      this.sections = await loadSections(lang);
      this.loadError = null;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
  }

  section = $derived(this.sections.find((s) => s.id === this.current));

  goto(id: string): void {
    this.current = id;
    if (!this.progress.sections_read.includes(id)) {
      this.progress.sections_read.push(id);
      void this.save();
    }
  }

  /** The progress record of a question, created on first use. */
  question(id: string): QuestionProgress {
    return (this.progress.questions[id] ??= {});
  }

  async save(): Promise<void> {
    await this.store.save($state.snapshot(this.progress) as Progress);
  }

  /** Progress from an imported file (already validated). */
  async replaceProgress(progress: Progress): Promise<void> {
    this.progress = { ...structuredClone(EMPTY_PROGRESS), ...progress };
    await this.save();
  }

  async resetProgress(): Promise<void> {
    this.progress = await this.store.reset();
  }
}

const KEY = Symbol('lesson');
export const setLessonContext = (state: LessonState) => setContext(KEY, state);
export const getLessonContext = () => getContext<LessonState>(KEY);
