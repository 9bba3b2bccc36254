import { startupSnapshot } from 'node:v8';
import { setEntry } from './entry-path';
import { startHost } from './start';

/**
 * The self-contained executable's entry (Node single executable application, built by
 * scripts/package.ts). The program is Node and the host in one file, so it registers itself and
 * finds the keyring addon beside itself. argv is [program, program, ...args] in a SEA too.
 *
 * The build for the machine it runs on is a V8 start-up snapshot: this file runs once at build
 * time, with every module of the browser's start-up path already initialised (the zod schemas
 * above all), and the program resumes from that heap at `main`. Nothing is read from the
 * environment until `main` runs. Other targets run the script as it is.
 */
function main(): void {
  setEntry({ path: process.execPath, executable: true });
  startHost(process.argv.slice(2));
}

if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(main);
else main();
