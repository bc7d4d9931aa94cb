/**
 * The lesson's sections in reading order. Each id has one markdown file per language in
 * sections/; the page reads this list (and the sections' titles) before any section text.
 */
export const sectionIds: readonly string[] = [
  'principle',
  'steps',
  'structured-error',
  'minimal-compensation',
  'compensation-flags',
  'rebuilt-series',
  'errors-to-api',
  'repair-path',
  'principles',
  'code-map',
  'checkpoint',
];
