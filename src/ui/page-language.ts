import { t, uiDirection, uiLanguage } from './i18n';

/** Tells the document its language and direction, so screen readers and bidi follow the UI. */
export function applyPageLanguage(titleKey: string): void {
  const root = document.documentElement;
  root.lang = uiLanguage();
  root.dir = uiDirection();
  document.title = t(titleKey);
}
