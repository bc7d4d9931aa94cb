/**
 * The page's strings come in parts: the first view's (`en.json`, `lesson.en.json`) and the
 * panels' (`panels.en.json`, loaded with the panels). A key a component asks for must be
 * in a part that is loaded whenever that component can show, in both languages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const locales = join(root, 'src/ui/i18n/locales');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(locales, file), 'utf8'));

/** Every dotted path to a string. */
function keys(table: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(table).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as Record<string, unknown>, `${prefix}${k}.`)));
}

const PARTS = { firstView: ['', 'lesson.'], panels: ['panels.'] } as const;
const partKeys = (part: keyof typeof PARTS, lang: 'en' | 'zh') => new Set(PARTS[part].flatMap((p) => keys(read(`${p}${lang}.json`))));

/** Source files reachable by static imports from `entry` (dynamic `import()` not followed). */
function staticallyImported(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolve(dirname(file), m[1]!);
      const candidates = [target, `${target}.ts`, join(target, 'index.ts')];
      const found = candidates.find((c) => /\.(ts|svelte)$/.test(c) && existsSync(c));
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.(ts|svelte)$/.test(d.name) ? [join(dir, d.name)] : []));
}

/** Literal keys a file asks `t()` for; a template key is checked by its fixed prefix. */
function keysUsed(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bt\((['`])([a-z_]+\.[A-Za-z0-9_.]*)(\$\{)?/g)].map((m) => (m[3] ? `${m[2]}*` : m[2]!));
}
const has = (set: Set<string>, key: string) => (key.endsWith('*') ? [...set].some((k) => k.startsWith(key.slice(0, -1))) : set.has(key) || set.has(`${key}_one`) || set.has(`${key}_other`));

describe('locale files', () => {
  it('each part has the same keys in English and Chinese (plural forms differ by language)', () => {
    const base = (table: Record<string, unknown>) => [...new Set(keys(table).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    for (const prefix of ['', 'lesson.', 'panels.']) {
      expect(base(read(`${prefix}zh.json`)), `${prefix}zh.json`).toEqual(base(read(`${prefix}en.json`)));
    }
  });

  it('parts do not share a top-level group (a later part would replace it)', () => {
    const groups = ['', 'lesson.', 'panels.'].map((p) => Object.keys(read(`${p}en.json`)));
    const all = groups.flat();
    expect(all.length).toBe(new Set(all).size);
  });

  it('code that can show without the panels asks only for first-view keys', () => {
    // Only what the panels chunk alone brings in may use the panels' strings.
    const page = staticallyImported(join(root, 'src/main.ts'));
    const panels = staticallyImported(join(root, 'src/ui/components/LabPanels.svelte'));
    const firstView = partKeys('firstView', 'en');
    const everything = new Set([...firstView, ...partKeys('panels', 'en')]);
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, 'src/ui'))) {
      const available = panels.has(file) && !page.has(file) ? everything : firstView;
      for (const key of keysUsed(file)) if (!has(available, key)) missing.push(`${file.slice(root.length + 1)}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});
