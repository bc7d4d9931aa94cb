/**
 * The page's translations: i18next does the lookups and interpolation; this thin class
 * adds one rune (`lang`) so every `t()` call in a template re-runs when the language
 * changes. English is bundled; Chinese is loaded on first use (a dynamic import).
 */
import i18next, { type TOptions } from 'i18next';
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
  private readonly instance = i18next.createInstance();
  private readonly loaded = new Set<Lang>();

  async init(): Promise<void> {
    await this.instance.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: { en: { translation: EN } },
      interpolation: { escapeValue: false }, // Svelte escapes text itself
      returnNull: false,
    });
    this.loaded.add('en');
    await this.setLang(preferredLang());
  }

  async setLang(lang: Lang): Promise<void> {
    if (!this.loaded.has(lang)) {
      this.instance.addResourceBundle(lang, 'translation', await loaders[lang]());
      this.loaded.add(lang);
    }
    await this.instance.changeLanguage(lang);
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
    void this.lang;
    return this.instance.t(key, options ?? {}) as string;
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
