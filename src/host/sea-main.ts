import { setEntry } from './entry-path';
import { startHost } from './start';

/**
 * The self-contained executable's entry (Node single executable application, built by
 * scripts/package.ts). The program is Node and the host in one file, so it registers itself and
 * finds the keyring addon beside itself. argv is [program, program, ...args] in a SEA too.
 */
setEntry({ path: process.execPath, executable: true });
startHost(process.argv.slice(2));
