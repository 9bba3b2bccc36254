import { runCli } from './cli/run-cli';
import { runHost } from './native/run-host';
import { isNativeMessagingLaunch } from './native/origin';

/**
 * One entry point for both faces of the host: a browser starting it (origin arguments) gets the
 * native-messaging loop; anyone else gets the CLI. Exit codes go through process.exitCode so
 * pending output is flushed before Node exits.
 */
async function main(args: string[]): Promise<void> {
  if (isNativeMessagingLaunch(args)) {
    await runHost(args);
    return;
  }
  process.exitCode = await runCli(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Never stdout: in native-messaging mode it carries frames only.
  process.stderr.write(`popbiff: ${error instanceof Error ? error.message : 'unexpected failure'}\n`);
  process.exitCode = 1;
});
