/** Headless Chromium with the built extension, its UI in one language. */
import { resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';

const root = resolve(import.meta.dirname, '../..');
/** The C library's name for each language's usual locale (LANG), where it is not just the language. */
const LOCALES: Record<string, string> = { en: 'en_US', es: 'es_ES' };

/** `--lang` picks the extension's _locales in headless Chromium; LANGUAGE and LANG for good measure. */
export function launchLocalized(
  profileDir: string,
  language: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExtensionBrowser> {
  const locale = LOCALES[language] ?? language.replace('-', '_');
  return launchWithExtension({
    profileDir,
    extensionDir: resolve(root, 'dist/chrome'),
    headless: true,
    env: { ...env, LANGUAGE: language, LANG: `${locale}.UTF-8` },
    extraArgs: [`--lang=${language}`],
  });
}
