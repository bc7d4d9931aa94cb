/**
 * The lesson side of the page: sections in the current language, where the learner is,
 * their progress (kept in IndexedDB), the active scenario and the checkpoint questions.
 * The first view needs only the contents and the current section's text; the scenarios
 * and the questions load with `loadAll()`, which the page calls right after its first view.
 */
import { getContext, setContext } from 'svelte';
import type { LabBackend } from '../../core/lab/labBackend';
import { loadLessonData, loadSectionText, sectionMetas, type LessonData, type LessonSectionMeta } from '../../lesson/lessonContent';
import type { Lang, Scenario } from '../../lesson/lessonTypes';
import { EMPTY_PROGRESS, ProgressStore, questionDone, type Progress, type QuestionProgress } from '../../lesson/progressStore';
import type { ScenarioSession } from './scenarioSession.svelte';

export class LessonState {
  #data = $state.raw<LessonData | null>(null);
  #loadingAll: Promise<void> | null = null;
  /**
   * The scenario the learner works on; loaded with the scenarios (none can be started
   * before), so it is null until `loadAll()` finished.
   */
  scenarioSession = $state.raw<ScenarioSession | null>(null);
  /** Every scenario and question is loaded (`loadAll()`); `data` and `session` may be read from then on. */
  ready = $derived(this.#data !== null && this.scenarioSession !== null);
  /** The contents of the current language: ids, titles and offered scenarios. */
  sections = $state.raw<LessonSectionMeta[]>([]);
  current = $state<string>('');
  /** The current section's text, once loaded, with the language and section it belongs to. */
  #text = $state.raw<{ lang: Lang; id: string; html: string } | null>(null);
  #lang = $state<Lang>('en');
  progress = $state<Progress>(structuredClone(EMPTY_PROGRESS));
  loadError = $state<string | null>(null);
  private readonly store = new ProgressStore();

  allQuestionsDone = $derived(this.#data !== null && this.#data.questions.every((q) => questionDone(this.progress.questions[q.id])));

  get data(): LessonData {
    if (!this.#data) throw new Error('the lesson data is not loaded yet');
    return this.#data;
  }

  get session(): ScenarioSession {
    if (!this.scenarioSession) throw new Error('the scenarios are not loaded yet');
    return this.scenarioSession;
  }

  constructor(private readonly backend: () => LabBackend) {}

  /** A scenario's goal met: the scenario is done, and so is every question's lab task that uses it. */
  private scenarioMet(scenario: Scenario, calls: number): void {
    const prev = this.progress.scenarios[scenario.id];
    const best = prev?.calls !== undefined ? Math.min(prev.calls, calls) : calls;
    this.progress.scenarios[scenario.id] = { done: true, calls: best };
    for (const q of this.data.questions) {
      if (q.lab_task.scenario === scenario.id) this.question(q.id).lab_task_done = true;
    }
    void this.save();
  }

  /** The contents, the learner's progress and the first section: what the first view shows. */
  async init(lang: Lang): Promise<void> {
    this.progress = await this.store.load();
    if (!this.readContents(lang)) return;
    this.current ||= this.sections[0]?.id ?? '';
    await this.loadSection();
  }

  /** Every scenario, the questions and the scenario session; the page calls this right after its first view. */
  loadAll(): Promise<void> {
    this.#loadingAll ??= Promise.all([loadLessonData(), import('./scenarioSession.svelte')]).then(
      ([data, { ScenarioSession }]) => {
        this.#data = data;
        this.scenarioSession = new ScenarioSession(this.backend, (scenario, calls) => this.scenarioMet(scenario, calls));
      },
      (e: unknown) => {
        this.#loadingAll = null;
        this.loadError = e instanceof Error ? e.message : String(e);
      },
    );
    return this.#loadingAll;
  }

  async setLang(lang: Lang): Promise<void> {
    if (this.readContents(lang)) await this.loadSection();
  }

  private readContents(lang: Lang): boolean {
    try {
      this.sections = sectionMetas(lang);
      this.#lang = lang;
      this.loadError = null;
      return true;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  /** Loads the current section's text. */
  private async loadSection(): Promise<void> {
    const lang = this.#lang;
    const meta = this.sections.find((s) => s.id === this.current);
    if (!meta) return;
    try {
      const html = await loadSectionText(lang, meta.id);
      if (this.current === meta.id && this.#lang === lang) this.#text = { lang, id: meta.id, html };
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
  }

  section = $derived(this.sections.find((s) => s.id === this.current));
  /** The current section's text; null while it loads. */
  sectionHtml = $derived(this.#text && this.#text.id === this.current && this.#text.lang === this.#lang ? this.#text.html : null);

  /** A scenario by id, once `loadAll()` finished. */
  scenario(id: string): Scenario | undefined {
    return this.#data?.scenarios.get(id);
  }

  goto(id: string): void {
    this.current = id;
    void this.loadSection();
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
