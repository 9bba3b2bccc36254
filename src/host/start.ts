import { isNativeMessagingLaunch } from './native/origin';

/**
 * One dispatch for both faces of the host, shared by the npm bundle (main.ts) and the
 * executable (sea-main.ts): a browser starting it (origin arguments) gets the native-messaging
 * loop; anyone else gets the CLI. Each face is imported only when chosen, so a browser's start
 * never loads the CLI (and the host loads the POP3 engine only on its first check): start-up time
 * is what the user waits for (bench/host-startup.ts). Exit codes go through process.exitCode so
 * pending output is flushed before Node exits.
 */
export function startHost(args: string[]): void {
  dispatch(args).catch((error: unknown) => {
    // Never stdout: in native-messaging mode it carries frames only.
    process.stderr.write(`popbiff: ${error instanceof Error ? error.message : 'unexpected failure'}\n`);
    process.exitCode = 1;
  });
}

async function dispatch(args: string[]): Promise<void> {
  if (isNativeMessagingLaunch(args)) {
    const { runHost } = await import('./native/run-host');
    await runHost(args);
    return;
  }
  const { runCli } = await import('./cli/run-cli');
  process.exitCode = await runCli(args);
}
