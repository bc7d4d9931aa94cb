/**
 * Loading the lesson from lessons/, a piece at a time: the contents (every section's id
 * and title) come with the page; a section's text is its own small chunk fetched when the
 * learner opens that section; the scenarios and the checkpoint questions are one chunk
 * fetched after the first view. Everything is validated against its schema when loaded,
 * and a content mistake names its file.
 */
import * as v from 'valibot';
import { sectionIds } from '../../lessons/fault-isolation/sectionOrder';
import { describeIssues } from './describeIssues';
import type { CheckpointQuestion, Lang, Scenario } from './lessonTypes';

export interface LessonSectionMeta {
  id: string;
  order: number;
  title: string;
  scenarios: string[];
}

type SectionModule = { default: { meta: Record<string, unknown>; html: string } };

/** Frontmatter only (`?meta`, see scripts/lessonMarkdownPlugin.ts): titles for the contents. */
const SECTION_META: Record<Lang, Record<string, unknown>> = {
  en: import.meta.glob('../../lessons/fault-isolation/sections/*.en.md', { query: '?meta', import: 'default', eager: true }),
  zh: import.meta.glob('../../lessons/fault-isolation/sections/*.zh.md', { query: '?meta', import: 'default', eager: true }),
};

/** The rendered text of each section, one chunk per file. */
const SECTION_TEXT: Record<Lang, Record<string, () => Promise<SectionModule>>> = {
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

const metaCache = new Map<Lang, { sections: LessonSectionMeta[]; pathOf: Map<string, string> }>();

function readMetas(lang: Lang) {
  let read = metaCache.get(lang);
  if (read) return read;
  const known = new Set(sectionIds);
  const pathOf = new Map<string, string>();
  const sections = Object.entries(SECTION_META[lang]).map(([path, raw]) => {
    const meta = v.safeParse(SectionMetaSchema, raw);
    if (!meta.success) throw new LessonContentError(`${path}: ${describeIssues(meta.issues)}`);
    if (!known.has(meta.output.id)) throw new LessonContentError(`section ${meta.output.id} is not listed in lessons/fault-isolation/sectionOrder.ts`);
    pathOf.set(meta.output.id, path);
    return meta.output;
  });
  sections.sort((a, b) => a.order - b.order);
  read = { sections, pathOf };
  metaCache.set(lang, read);
  return read;
}

/** The sections of one language in reading order: ids, titles and the scenarios each offers. */
export function sectionMetas(lang: Lang): LessonSectionMeta[] {
  return readMetas(lang).sections;
}

/** One section's text, rendered and sanitised at build time. */
export async function loadSectionText(lang: Lang, id: string): Promise<string> {
  const path = readMetas(lang).pathOf.get(id);
  if (!path) throw new LessonContentError(`no section ${id} in ${lang}`);
  const mod = await SECTION_TEXT[lang][path]!();
  return mod.default.html;
}

export interface LessonData {
  scenarios: Map<string, Scenario>;
  questions: CheckpointQuestion[];
  sectionIds: readonly string[];
}

/**
 * Loads and validates every scenario and question; a content mistake is reported with its
 * path. This is one chunk, fetched after the page's first view.
 */
export async function loadLessonData(): Promise<LessonData> {
  const [{ questions: rawQuestions, scenarios: rawScenarios }, { CheckpointQuestionSchema, ScenarioSchema }] = await Promise.all([
    import('../../lessons/fault-isolation/index'),
    import('./lessonSchema'),
  ]);
  const scenarios = new Map<string, Scenario>();
  for (const raw of rawScenarios as unknown[]) {
    const r = v.safeParse(ScenarioSchema, raw);
    if (!r.success) throw new LessonContentError(`scenario ${String((raw as { id?: unknown })?.id)}: ${describeIssues(r.issues)}`);
    const scenario = r.output as Scenario;
    if (!sectionIds.includes(scenario.section)) throw new LessonContentError(`scenario ${scenario.id} names unknown section ${scenario.section}`);
    if (scenarios.has(scenario.id)) throw new LessonContentError(`scenario ${scenario.id} is defined twice`);
    scenarios.set(scenario.id, scenario);
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
  for (const lang of ['en', 'zh'] as const) {
    for (const section of sectionMetas(lang)) {
      for (const ref of section.scenarios) {
        if (!scenarios.has(ref)) throw new LessonContentError(`${readMetas(lang).pathOf.get(section.id)}: offers unknown scenario ${ref}`);
      }
    }
  }
  return { scenarios, questions, sectionIds };
}
