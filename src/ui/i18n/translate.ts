/**
 * Key lookup for the page's translations, without runes or DOM so it can be unit-tested.
 * rosetta keeps the tables and fills `{{name}}` placeholders (no HTML escaping: Svelte
 * escapes text itself); this module adds what i18next did on top of that:
 * - plurals: with a numeric `count`, `key_zero` (count 0 only), then
 *   `key_<Intl.PluralRules(lang).select(count)>`, then `key`;
 * - a key missing in the current language is looked up in the fallback language;
 * - missing everywhere: `defaultValue` if given, else the key itself.
 * One difference from i18next: a placeholder whose value is not passed at all becomes ''
 * (rosetta's templite), where i18next left `{{name}}` in the text.
 */
import rosetta from 'rosetta';

export type Table = Record<string, unknown>;

export interface TOptions {
  /** Chooses the plural form and fills `{{count}}`. */
  count?: number;
  /** Returned (filled like a found string) when the key is missing in every language. */
  defaultValue?: string;
  /** Values for the other `{{name}}` placeholders. */
  [param: string]: unknown;
}

export class Translator<L extends string> {
  private readonly tables = rosetta<Table>();
  private readonly plurals = new Map<string, Intl.PluralRules>();

  constructor(private readonly fallback: L) {}

  /** Adds a language's strings (merged into any already set for it). */
  set(lang: L, table: Table): void {
    this.tables.set(lang, table);
  }

  has(lang: L): boolean {
    return this.tables.table(lang) !== undefined;
  }

  t(lang: L, key: string, options: TOptions = {}): string {
    for (const code of lang === this.fallback ? [lang] : [lang, this.fallback]) {
      for (const candidate of this.candidates(code, key, options)) {
        // rosetta answers '' both for a missing key and for an empty string, so existence is checked here
        if (typeof find(this.tables.table(code), candidate) === 'string') return this.tables.t(candidate, options, code);
      }
    }
    if (typeof options.defaultValue === 'string') return rosetta({ d: { v: options.defaultValue } }).t('v', options, 'd');
    return key;
  }

  private candidates(code: string, key: string, { count }: TOptions): string[] {
    if (typeof count !== 'number') return [key];
    let rules = this.plurals.get(code);
    if (!rules) this.plurals.set(code, (rules = new Intl.PluralRules(code)));
    const form = `${key}_${rules.select(count)}`;
    return count === 0 ? [`${key}_zero`, form, key] : [form, key];
  }
}

/** The value at a dotted path (`a.b.c`), or undefined. */
function find(table: Table | void, key: string): unknown {
  let node: unknown = table;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Table)[part];
  }
  return node;
}
