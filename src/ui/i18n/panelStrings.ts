/** The strings of the panels below the chart: loaded with the panels, not with the first view. */
import type { StringLoaders } from './i18n.svelte';

export const panelStrings: StringLoaders = {
  en: () => import('./locales/panels.en.json'),
  zh: () => import('./locales/panels.zh.json'),
};
