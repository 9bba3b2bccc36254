import { isNativeMessagingLaunch } from './native/origin';
import { runHost } from './native/run-host';

/**
 * One dispatch for both faces of the host, shared by the npm bundle (main.ts) and the
 * executable (sea-main.ts): a browser starting it (origin arguments) gets the native-messaging
 * loop; anyone else gets the CLI. The browser's face is imported statically, so its start-up code
 * is one file of the bundle rather than a dozen chunks to resolve (bench/host-startup.ts); the CLI
 * and the POP3 engine load only when used. Exit codes go through process.exitCode so pending
 * output is flushed before Node exits.
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
    await runHost(args);
    return;
  }
  const { runCli } = await import('./cli/run-cli');
  process.exitCode = await runCli(args);
}
