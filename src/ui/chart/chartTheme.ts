/** Chart colours come from the page's CSS variables, so light and dark follow the page. */
export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  up: string;
  down: string;
  newBar: string;
  overwrittenBar: string;
  ghost: string;
  major: string;
  minor: string;
  pen: string;
  head: string;
}

export function readChartTheme(el: Element = document.documentElement): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--panel', '#ffffff'),
    text: v('--text', '#1b1d21'),
    grid: v('--grid', '#eceef1'),
    up: v('--up', '#1a7f37'),
    down: v('--down', '#c0362c'),
    newBar: v('--new', '#2457c5'),
    overwrittenBar: v('--over', '#b35c00'),
    ghost: v('--ghost', '#8a8f98'),
    major: v('--major', '#7a3fc2'),
    minor: v('--minor', '#5b6270'),
    pen: v('--pen', '#7a3fc2'),
    head: v('--warn', '#9a6700'),
  };
}
