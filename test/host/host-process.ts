import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { FrameDecoder, encodeFrame } from '../../src/host/native/framing';
import { MAX_HOST_MESSAGE_BYTES, SECRET_STORE_PENDING } from '../../src/shared/protocol';

/** Helpers for tests that run the built host as a real process (as browsers and `doctor` do). */

const root = resolve(import.meta.dirname, '../..');
export const BUNDLE = resolve(root, 'dist/host/popbiff.mjs');

/**
 * The host bundle, built with `vite build --mode host` if missing. A lock folder keeps two test
 * workers from building into the same folder at once.
 */
export function ensureHostBundle(): string {
  if (existsSync(BUNDLE)) return BUNDLE;
  mkdirSync(resolve(root, 'dist'), { recursive: true });
  const lock = resolve(root, 'dist/.host-build-lock');
  try {
    mkdirSync(lock);
  } catch {
    waitFor(() => existsSync(BUNDLE) || !existsSync(lock), 120_000);
    return ensureHostBundle();
  }
  try {
    execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'host'], {
      cwd: root,
      stdio: 'inherit',
    });
  } finally {
    rmdirSync(lock);
  }
  return BUNDLE;
}

function waitFor(done: () => boolean, timeoutMs: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for another worker to build the host');
    Atomics.wait(pause, 0, 0, 200);
  }
}

export interface Reply {
  v: number;
  id: string;
  hostVersion: string;
  ok?: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** A host process spoken to over stdio frames, the way a browser does. */
export class HostProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly decoder = new FrameDecoder(MAX_HOST_MESSAGE_BYTES);
  private readonly replies: Reply[] = [];
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  /** `program`: a self-contained host to start instead of the bundle under this Node. */
  constructor(args: string[], env: NodeJS.ProcessEnv, program?: string) {
    const [command, argv] = program ? [program, args] : [process.execPath, [ensureHostBundle(), ...args]];
    this.child = spawn(command, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (data: Buffer) => {
      this.stderr += data.toString('utf8');
    });
    this.child.stdout.on('data', (data: Buffer) => {
      for (const frame of this.decoder.push(data)) {
        // stdout must carry frames of JSON and nothing else.
        if (frame.kind !== 'message') throw new Error(`host wrote a broken frame: ${JSON.stringify(frame)}`);
        this.replies.push(frame.value as Reply);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(message: unknown): void {
    this.writeRaw(encodeFrame(JSON.stringify(message)));
  }

  writeRaw(bytes: Buffer): void {
    this.child.stdin.write(bytes);
  }

  request(id: string, type: string, payload: unknown, v = 1): Promise<Reply> {
    this.send({ v, id, type, payload });
    return this.reply(id);
  }

  /**
   * `hello` until it names the secret store: a first start answers "pending" while it probes
   * the keyring (PROTOCOL.md, hello), and a test about the store needs the choice.
   */
  async helloOnceChosen(timeoutMs = 10_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const reply = await this.request(`hello-${attempt}`, 'hello', {});
      if (reply.result?.secretStore !== SECRET_STORE_PENDING) return reply;
      if (Date.now() > deadline) throw new Error(`the host chose no secret store within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The reply with this id, or a rejection after `timeoutMs`. */
  async reply(id: string, timeoutMs = 10_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Taken off the list, so a long run (the soak's 10,000 checks) keeps it short.
      const index = this.replies.findIndex((reply) => reply.id === id);
      if (index >= 0) return this.replies.splice(index, 1)[0] as Reply;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no reply to ${JSON.stringify(id)} within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Closes stdin (what the browser does when the port closes) and waits for the exit code. */
  async close(timeoutMs = 10_000): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the host did not exit after stdin closed')), timeoutMs);
    });
    try {
      return await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}
