/**
 * Loading the lesson from lessons/: section text per language (the other language is a
 * separate chunk, fetched only when the learner switches), scenarios and questions
 * validated against their schemas when loaded.
 */
import * as v from 'valibot';
import { CheckpointQuestionSchema, ScenarioSchema, describeIssues } from './lessonSchema';
import type { CheckpointQuestion, Lang, Scenario } from './lessonTypes';

export interface LessonSection {
  id: string;
  order: number;
  title: string;
  scenarios: string[];
  html: string;
}

type SectionModule = { default: { meta: Record<string, unknown>; html: string } };

const SECTION_FILES: Record<Lang, Record<string, () => Promise<SectionModule>>> = {
  en: import.meta.glob<SectionModule>('../../lessons/fault-isolation/sections/*.en.md'),
  zh: import.meta.glob<SectionModule>('../../lessons/fault-isolation/sections/*.zh.md'),
};

const SectionMetaSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  order: v.pipe(v.number(), v.integer()),
  title: v.pipe(v.string(), v.nonEmpty()),
  scenarios: v.optional(v.array(v.string()), []),
});

export class LessonContentError extends Error {}

export async function loadSections(lang: Lang): Promise<LessonSection[]> {
  const { sectionIds } = await import('../../lessons/fault-isolation/index');
  const files = Object.entries(SECTION_FILES[lang]);
  const sections = await Promise.all(
    files.map(async ([path, load]) => {
      const mod = await load();
      const meta = v.safeParse(SectionMetaSchema, mod.default.meta);
      if (!meta.success) throw new LessonContentError(`${path}: ${describeIssues(meta.issues)}`);
      return { ...meta.output, html: mod.default.html };
    }),
  );
  sections.sort((a, b) => a.order - b.order);
  const known = new Set(sectionIds as readonly string[]);
  for (const s of sections) if (!known.has(s.id)) throw new LessonContentError(`section ${s.id} is not listed in lessons/fault-isolation/index.ts`);
  return sections;
}

export interface LessonData {
  scenarios: Map<string, Scenario>;
  questions: CheckpointQuestion[];
  sectionIds: readonly string[];
}

/**
 * Loads and validates every scenario and question; a content mistake is reported with its
 * path. The lesson data is its own chunk, fetched after the page's first view.
 */
export async function loadLessonData(): Promise<LessonData> {
  const { questions: rawQuestions, scenarios: rawScenarios, sectionIds } = await import('../../lessons/fault-isolation/index');
  const scenarios = new Map<string, Scenario>();
  for (const raw of rawScenarios as unknown[]) {
    const r = v.safeParse(ScenarioSchema, raw);
    const id = (raw as { id?: unknown })?.id;
    if (!r.success) throw new LessonContentError(`scenario ${String(id)}: ${describeIssues(r.issues)}`);
    if (scenarios.has(r.output.id)) throw new LessonContentError(`scenario ${r.output.id} is defined twice`);
    scenarios.set(r.output.id, r.output as Scenario);
  }
  const questions: CheckpointQuestion[] = [];
  for (const raw of rawQuestions as unknown[]) {
    const r = v.safeParse(CheckpointQuestionSchema, raw);
    if (!r.success) throw new LessonContentError(`question ${String((raw as { id?: unknown })?.id)}: ${describeIssues(r.issues)}`);
    const q = r.output as CheckpointQuestion;
    for (const ref of [q.predict.scenario, q.lab_task.scenario]) {
      if (!scenarios.has(ref)) throw new LessonContentError(`question ${q.id} refers to unknown scenario ${ref}`);
    }
    questions.push(q);
  }
  for (const s of scenarios.values()) {
    if (!sectionIds.includes(s.section)) throw new LessonContentError(`scenario ${s.id} names unknown section ${s.section}`);
  }
  return { scenarios, questions, sectionIds };
}
