/** Headless Chromium with the built extension, its UI in one language. */
import { resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';

const root = resolve(import.meta.dirname, '../..');
/** The C library's name for each _locales folder's usual locale (LANG). */
const POSIX_LOCALE: Record<string, string> = {
  en: 'en_US',
  es: 'es_ES',
  de: 'de_DE',
  fr: 'fr_FR',
  pt_BR: 'pt_BR',
  it: 'it_IT',
  ru: 'ru_RU',
  he: 'he_IL',
};

/**
 * `language` is a _locales folder name (pt_BR); `--lang` (pt-BR) picks the extension's messages in
 * headless Chromium, LANGUAGE and LANG for good measure.
 */
export function launchLocalized(
  profileDir: string,
  language: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExtensionBrowser> {
  return launchWithExtension({
    profileDir,
    extensionDir: resolve(root, 'dist/chrome'),
    headless: true,
    env: { ...env, LANGUAGE: language, LANG: `${POSIX_LOCALE[language] ?? 'en_US'}.UTF-8` },
    extraArgs: [`--lang=${language.replace('_', '-')}`],
  });
}
