/**
 * The page's translations: `Translator` (rosetta underneath) does the lookups and
 * interpolation; this thin class adds one rune (`lang`) so every `t()` call in a template
 * re-runs when the language changes. The first view's English strings are bundled;
 * Chinese is loaded on first use (a dynamic import), and a lazily loaded part of the page
 * brings its own strings with `addStrings` (in English, the fallback, and the current
 * language; later languages load them on switching).
 */
import { Translator, type TOptions } from './translate';
import en from './locales/en.json';
import lessonEn from './locales/lesson.en.json';

export type Lang = 'en' | 'zh';
/** One set of strings, per language, each loaded on demand. */
export type StringLoaders = Record<Lang, () => Promise<{ default: Record<string, unknown> }>>;
export const LANGS: readonly Lang[] = ['en', 'zh'];
const STORAGE_KEY = 'fault-isolation-lab.lang';

/** The lab's strings and the lesson's strings (kept in their own files) form one bundle per language. */
const EN = { ...en, ...lessonEn };
const loaders: Record<Lang, () => Promise<Record<string, unknown>>> = {
  en: async () => EN,
  zh: async () => {
    const [lab, lesson] = await Promise.all([import('./locales/zh.json'), import('./locales/lesson.zh.json')]);
    return { ...lab.default, ...lesson.default };
  },
};

class I18n {
  lang = $state<Lang>('en');
  private readonly translator = new Translator<Lang>('en');
  /** Strings added by lazily loaded parts, and the languages each is already set in. */
  private readonly parts = new Map<StringLoaders, Set<Lang>>();

  async init(): Promise<void> {
    this.translator.set('en', EN);
    await this.setLang(preferredLang());
  }

  async setLang(lang: Lang): Promise<void> {
    if (!this.translator.has(lang)) this.translator.set(lang, await loaders[lang]());
    await Promise.all([...this.parts.keys()].map((part) => this.loadPart(part, lang)));
    this.lang = lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode): the choice just is not kept
    }
  }

  /** Adds a part's strings in English and in the current language. */
  async addStrings(part: StringLoaders): Promise<void> {
    if (!this.parts.has(part)) this.parts.set(part, new Set());
    await Promise.all([this.loadPart(part, 'en'), this.loadPart(part, this.lang)]);
  }

  private async loadPart(part: StringLoaders, lang: Lang): Promise<void> {
    const done = this.parts.get(part)!;
    if (done.has(lang)) return;
    // Called only for a language whose own strings are set (English, the current one, or
    // one setLang has just loaded), so the part merges into them.
    this.translator.set(lang, (await part[lang]()).default);
    done.add(lang);
  }

  /** Looks a key up in the current language; reading `lang` makes callers reactive. */
  t = (key: string, options?: TOptions): string => {
    return this.translator.t(this.lang, key, options);
  };

  /** Picks the text of a registry entry written in both languages. */
  pick = (text: { en: string; zh: string }): string => text[this.lang];
}

function preferredLang(): Lang {
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    if (kept === 'en' || kept === 'zh') return kept;
  } catch {
    // ignore
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const i18n = new I18n();
