import { fileURLToPath } from 'node:url';
import { setEntry } from './entry-path';
import { startHost } from './start';

/** The npm bundle's entry (dist/host/popbiff.mjs): a Node started it with this file. */
setEntry({ path: fileURLToPath(import.meta.url), executable: false });
startHost(process.argv.slice(2));
