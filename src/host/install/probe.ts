import { spawn } from 'node:child_process';
import { PROTOCOL_VERSION, ReplyEnvelope, SECRET_STORE_PENDING } from '../../shared/protocol';
import { encodeFrame, FrameDecoder } from '../native/framing';

/** Long enough for a cold node start on a slow machine; a healthy host answers in well under 1 s. */
const PROBE_TIMEOUT_MS = 5000;
/** Pause before asking again while a first start is still choosing its secret store. */
const PENDING_RETRY_MS = 100;

export type ProbeResult = { ok: true; hostVersion: string; secretStore: string } | { ok: false; problem: string };

/**
 * Starts the launcher the way a browser would (same arguments, stdio framing), sends `hello`
 * and waits for the reply. This is the one check that proves the whole chain works. A first
 * start answers before it has chosen its secret store; then `hello` is asked again, so doctor
 * names the store (within the same time limit).
 */
export function probeHost(launcher: string, args: string[], timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(launcher, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const decoder = new FrameDecoder(1024 * 1024);
    let stderr = '';
    let settled = false;
    /** A "pending" answer: what doctor reports if the choice is still not made at the time limit. */
    let pending: ProbeResult | undefined;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdin.end();
      if (!result.ok) child.kill();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish(pending ?? { ok: false, problem: `the host did not answer "hello" within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    child.on('error', (error) => finish({ ok: false, problem: `the host could not be started (${error.message})` }));
    child.stderr.on('data', (data: Buffer) => {
      stderr = (stderr + data.toString('utf8')).slice(-500);
    });
    const hello = () =>
      child.stdin.write(encodeFrame(JSON.stringify({ v: PROTOCOL_VERSION, id: 'doctor', type: 'hello', payload: {} })));
    child.stdout.on('data', (data: Buffer) => {
      for (const frame of decoder.push(data)) {
        const result = judgeReply(frame.kind === 'message' ? frame.value : undefined);
        if (!result.ok || result.secretStore !== SECRET_STORE_PENDING) finish(result);
        else {
          pending = result;
          setTimeout(() => settled || hello(), PENDING_RETRY_MS);
        }
      }
    });
    child.on('close', (code) =>
      finish({
        ok: false,
        problem: `the host exited (code ${code}) without answering${stderr ? `: ${stderr.trim()}` : ''}`,
      }),
    );
    child.stdin.on('error', () => undefined); // the host may exit before reading; 'exit' reports that
    hello();
  });
}

function judgeReply(value: unknown): ProbeResult {
  const reply = ReplyEnvelope.safeParse(value);
  if (!reply.success) return { ok: false, problem: 'the host answered something that is not a Popbiff reply' };
  const data = reply.data;
  if ('chunk' in data) return { ok: false, problem: 'the host answered "hello" with a chunked reply' };
  if (!data.ok) return { ok: false, problem: `the host answered with error ${data.error.code}: ${data.error.message}` };
  if (data.v !== PROTOCOL_VERSION)
    return { ok: false, problem: `the host speaks protocol ${data.v}, not ${PROTOCOL_VERSION}` };
  const result = data.result as { secretStore?: unknown } | undefined;
  const secretStore = typeof result?.secretStore === 'string' ? result.secretStore : 'unknown';
  return { ok: true, hostVersion: data.hostVersion, secretStore };
}
