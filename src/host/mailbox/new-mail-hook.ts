/**
 * The on-new-mail command: when a check finds new mail, the host runs the program the user
 * confirmed for the account (argv, never a shell), with a time limit and at most one run per
 * account at a time, across every host process. It reads on standard input one JSON object — the account, the count and
 * each new message's sender and subject — and finds the count in POPBIFF_NEW_COUNT.
 *
 * Two seams, filled in where the host is wired: `argvFor` reads the host's own command store
 * (a page can never set a command: see issue 10 item 4), and `clean` is the one sanitiser for
 * text from mail; every string taken from a message passes through it.
 */
import type { ChildProcess } from 'node:child_process';
import type { CheckResult } from '../../shared/mail';

/** Long enough for a notifier or a sound player; a hook that hangs is killed, not waited on. */
export const HOOK_TIMEOUT_MS = 30_000;

/** Messages described on standard input; the count stays exact beyond them. */
export const HOOK_MAX_MESSAGES = 50;

export type HookSpawner = (
  file: string,
  args: readonly string[],
  options: { shell: false; stdio: ['pipe', 'ignore', 'ignore']; env: NodeJS.ProcessEnv; windowsHide: true },
) => ChildProcess;

export interface NewMailHookDeps {
  /** The account's confirmed on-new-mail argv, or undefined when it has none. */
  argvFor: (accountId: string) => Promise<readonly string[] | undefined>;
  /**
   * The account's run across processes (Chrome's and Firefox's hosts, two overlapping batches):
   * its release, or undefined while another host runs the account's command. Best effort: a host
   * killed mid-run leaves its command running, and its claim goes stale a few seconds later.
   */
  claim: (accountId: string) => Promise<(() => Promise<void>) | undefined>;
  /** The one sanitiser for text from mail (src/shared, issue 10 item 6). */
  clean: (text: string) => string;
  spawn?: HookSpawner;
  timeoutMs?: number;
  log: { info(message: string): void; error(message: string, error?: unknown): void };
}

export interface HookInput {
  accountId: string;
  username: string;
  count: number;
  messages: { from: { name: string; address: string }; subject: string }[];
}

export type HookOutcome = 'ran' | 'timed-out' | 'failed' | 'busy' | 'none';

export class NewMailHooks {
  private readonly running = new Map<string, Promise<HookOutcome>>();

  constructor(private readonly deps: NewMailHookDeps) {}

  /**
   * Starts the account's hook for this check's new mail, unless it has none or one is still
   * running for the account (that run already tells the user there is mail). Never throws: a
   * broken hook must not fail the check.
   */
  onCheck(accountId: string, username: string, result: CheckResult): Promise<HookOutcome> {
    if (result.baseline || result.newCount === 0) return Promise.resolve('none');
    if (this.running.has(accountId)) return Promise.resolve('busy');
    // Marked running before the command store is read (synchronously, within the caller's
    // turn), so a second check cannot slip in meanwhile and `settled` already waits for it.
    const run = this.start(accountId, this.input(accountId, username, result)).finally(() =>
      this.running.delete(accountId),
    );
    this.running.set(accountId, run);
    return run;
  }

  /**
   * Resolves when every hook asked for so far has been looked up, started, handed its input and
   * has ended (each within its time limit): the host waits for it before exiting.
   */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private async start(accountId: string, input: HookInput): Promise<HookOutcome> {
    const argv = await this.deps.argvFor(accountId).catch(() => undefined);
    const [file, ...args] = argv ?? [];
    if (file === undefined) return 'none';
    const release = await this.deps.claim(accountId);
    if (!release) return 'busy';
    try {
      return await this.run(file, args, input);
    } finally {
      await release();
    }
  }

  private input(accountId: string, username: string, result: CheckResult): HookInput {
    const clean = this.deps.clean;
    return {
      accountId,
      username: clean(username),
      count: result.newCount,
      messages: result.newMessages.slice(0, HOOK_MAX_MESSAGES).map((message) => ({
        from: { name: clean(message.from.name), address: clean(message.from.address) },
        subject: clean(message.subject),
      })),
    };
  }

  private async run(file: string, args: readonly string[], input: HookInput): Promise<HookOutcome> {
    const spawn = this.deps.spawn ?? (await import('node:child_process')).spawn;
    const env = { ...process.env, POPBIFF_NEW_COUNT: String(input.count), POPBIFF_ACCOUNT_ID: input.accountId };
    return new Promise<HookOutcome>((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(file, args, { shell: false, stdio: ['pipe', 'ignore', 'ignore'], env, windowsHide: true });
      } catch (error) {
        this.deps.log.error('on-new-mail command could not start', error);
        resolve('failed');
        return;
      }
      let outcome: HookOutcome = 'ran';
      const timer = setTimeout(() => {
        outcome = 'timed-out';
        child.kill('SIGKILL');
      }, this.deps.timeoutMs ?? HOOK_TIMEOUT_MS);
      child.once('error', (error) => {
        outcome = 'failed';
        this.deps.log.error('on-new-mail command failed to start', error);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (outcome === 'ran' && code !== 0) outcome = 'failed';
        this.deps.log.info(`on-new-mail command ended: ${outcome}`);
        resolve(outcome);
      });
      // A hook that does not read its input must not break the host: EPIPE is its business.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(`${JSON.stringify(input)}\n`);
    });
  }
}
