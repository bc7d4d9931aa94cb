/**
 * The page's translations: `Translator` (rosetta underneath) does the lookups and
 * interpolation; this thin class adds one rune (`lang`) so every `t()` call in a template
 * re-runs when the language changes. English is bundled; Chinese is loaded on first use
 * (a dynamic import).
 */
import { Translator, type TOptions } from './translate';
import en from './locales/en.json';
import lessonEn from './locales/lesson.en.json';

export type Lang = 'en' | 'zh';
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

  async init(): Promise<void> {
    this.translator.set('en', EN);
    await this.setLang(preferredLang());
  }

  async setLang(lang: Lang): Promise<void> {
    if (!this.translator.has(lang)) this.translator.set(lang, await loaders[lang]());
    this.lang = lang;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode): the choice just is not kept
    }
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
