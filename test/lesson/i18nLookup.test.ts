import { describe, expect, it } from 'vitest';
import en from '../../src/ui/i18n/locales/en.json';
import { Translator } from '../../src/ui/i18n/translate';

type Lang = 'en' | 'zh';

function translator(): Translator<Lang> {
  const tr = new Translator<Lang>('en');
  tr.set('en', {
    title: 'Lab',
    greet: 'Hello {{name}}, run #{{run.id}}',
    html: '<b>{{x}}</b>',
    empty: '',
    group: { item: 'Item {{n}}', deep: { leaf: 'Leaf' } },
    rows_one: '{{count}} row',
    rows_other: '{{count}} rows',
    only_base: '{{count}} things',
    zeroed_zero: 'none',
    zeroed_other: '{{count}} many',
    en_only_one: 'one in English',
    en_only_other: '{{count}} in English',
  });
  tr.set('zh', {
    title: '实验室',
    group: { item: '第 {{n}} 项' },
    rows_other: '{{count}} 行',
    empty: '',
  });
  return tr;
}

describe('translation lookup (rosetta with i18next rules)', () => {
  const tr = translator();

  it('reads nested keys and fills {{placeholders}}, including dotted ones, without escaping', () => {
    expect(tr.t('en', 'title')).toBe('Lab');
    expect(tr.t('en', 'group.item', { n: 3 })).toBe('Item 3');
    expect(tr.t('en', 'group.deep.leaf')).toBe('Leaf');
    expect(tr.t('en', 'greet', { name: 'Ada', run: { id: 7 } })).toBe('Hello Ada, run #7');
    expect(tr.t('en', 'html', { x: '<i>&' })).toBe('<b><i>&</b>');
    expect(tr.t('zh', 'group.item', { n: 3 })).toBe('第 3 项');
    expect(tr.t('en', 'group.item')).toBe('Item '); // a value not passed is left out (i18next kept '{{n}}')
  });

  it('chooses the plural form by Intl.PluralRules of the language, then the bare key', () => {
    expect(tr.t('en', 'rows', { count: 1 })).toBe('1 row');
    expect(tr.t('en', 'rows', { count: 0 })).toBe('0 rows');
    expect(tr.t('en', 'rows', { count: 5 })).toBe('5 rows');
    expect(tr.t('zh', 'rows', { count: 1 })).toBe('1 行');
    expect(tr.t('en', 'only_base', { count: 2 })).toBe('2 things');
    expect(tr.t('en', 'zeroed', { count: 0 })).toBe('none'); // i18next tries key_zero for 0
    expect(tr.t('en', 'zeroed', { count: 2 })).toBe('2 many');
  });

  it('falls back to English, with English plural rules, when the current language lacks the key', () => {
    expect(tr.t('zh', 'greet', { name: 'Ada', run: { id: 1 } })).toBe('Hello Ada, run #1');
    expect(tr.t('zh', 'en_only', { count: 1 })).toBe('one in English');
    expect(tr.t('zh', 'en_only', { count: 4 })).toBe('4 in English');
  });

  it('keeps an empty string as a real translation', () => {
    expect(tr.t('en', 'empty')).toBe('');
    expect(tr.t('zh', 'empty', { defaultValue: 'x' })).toBe('');
  });

  it('answers defaultValue, else the key itself, when no language has the key', () => {
    expect(tr.t('zh', 'draw.reason_unknown', { defaultValue: '' })).toBe('');
    expect(tr.t('en', 'nope', { defaultValue: 'Default {{n}}', n: 2 })).toBe('Default 2');
    expect(tr.t('zh', 'nope.deeper')).toBe('nope.deeper');
    expect(tr.t('en', 'missing', { count: 3 })).toBe('missing');
  });

  it('treats a key that names a group, not a string, as missing', () => {
    expect(tr.t('en', 'group')).toBe('group');
    expect(tr.t('en', 'title.more')).toBe('title.more');
  });

  it('knows which languages are loaded', () => {
    const fresh = new Translator<Lang>('en');
    expect(fresh.has('zh')).toBe(false);
    fresh.set('zh', {});
    expect(fresh.has('zh')).toBe(true);
  });

  it('works on the real English strings', () => {
    const real = new Translator<Lang>('en');
    real.set('en', en);
    expect(real.t('en', 'toolbar.faults_armed', { count: 1 })).toBe('1 fault armed');
    expect(real.t('en', 'toolbar.faults_armed', { count: 2 })).toBe('2 faults armed');
  });
});
