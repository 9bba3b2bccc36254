import { fileURLToPath } from 'node:url';
import { setEntryPath } from './entry-path';
import { isNativeMessagingLaunch } from './native/origin';

/**
 * One entry point for both faces of the host: a browser starting it (origin arguments) gets the
 * native-messaging loop; anyone else gets the CLI. Each face is imported only when chosen, so a
 * browser's start never loads the CLI (and the host loads the POP3 engine only on its first
 * check): start-up time is what the user waits for (bench/host-startup.ts). Exit codes go
 * through process.exitCode so pending output is flushed before Node exits.
 */
async function main(args: string[]): Promise<void> {
  setEntryPath(fileURLToPath(import.meta.url));
  if (isNativeMessagingLaunch(args)) {
    const { runHost } = await import('./native/run-host');
    await runHost(args);
    return;
  }
  const { runCli } = await import('./cli/run-cli');
  process.exitCode = await runCli(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Never stdout: in native-messaging mode it carries frames only.
  process.stderr.write(`popbiff: ${error instanceof Error ? error.message : 'unexpected failure'}\n`);
  process.exitCode = 1;
});
