import type { Plugin } from 'vite';

/**
 * Takes `dangerouslySetInnerHTML` out of Preact for the extension pages. Popbiff never renders
 * HTML from strings (mail headers are hostile text), so the one `innerHTML =` in Preact's diff
 * is an unused XSS sink — and the reason `web-ext lint` warns (UNSAFE_VAR_ASSIGNMENT). Using it
 * now throws at render time instead of inserting markup. If a Preact update changes the code
 * this matches, the build fails here, so the sink can never come back unnoticed.
 */
const SINK = /\((\w+)\.innerHTML=(\w+)\.__html\)/;

export function noInnerHtml(): Plugin {
  return {
    name: 'popbiff-no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.m?js$/.test(id)) return undefined;
      if (!SINK.test(code))
        throw new Error(`no-inner-html: Preact's innerHTML assignment not found in ${id}; update the pattern.`);
      const replaced = code.replace(
        SINK,
        '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in Popbiff")})()',
      );
      if (/\.innerHTML\s*=/.test(replaced)) throw new Error(`no-inner-html: another innerHTML assignment in ${id}.`);
      return { code: replaced, map: null };
    },
  };
}
