/**
 * `connectNative` backed by the real host program: each call starts the built host, as a
 * browser does for each port, and the port speaks its stdio frames. The benchmark and the
 * crash tests drive the real background code (CheckRunner, HostSession) against the real host.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ConnectNative, NativePort } from '../../src/background/platform';
import { encodeFrame, FrameDecoder } from '../../src/host/native/framing';
import { CHROMIUM_EXTENSION_IDS } from '../../src/shared/extension-ids';
import { MAX_HOST_MESSAGE_BYTES } from '../../src/shared/protocol';
import { ensureHostBundle } from '../host/host-process';

const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_IDS[0]}/`;

export interface ProcessPorts {
  connectNative: ConnectNative;
  /** Every host started so far, newest last (tests kill them; the bench reads their memory). */
  hosts: ChildProcessWithoutNullStreams[];
  /** Peak resident set (VmHWM) of each host, read just before its port closed. */
  peakRssMb: number[];
}

/** `program`: a self-contained host executable to start instead of the built bundle under this Node. */
export function processPorts(env: NodeJS.ProcessEnv, program?: string): ProcessPorts {
  const [file, ...args] = program === undefined ? [process.execPath, ensureHostBundle()] : [program];
  const ports: ProcessPorts = { connectNative: () => open(), hosts: [], peakRssMb: [] };
  const open = (): NativePort => {
    const child = spawn(file as string, [...args, ORIGIN], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    ports.hosts.push(child);
    const decoder = new FrameDecoder(MAX_HOST_MESSAGE_BYTES);
    const onMessage: ((message: unknown) => void)[] = [];
    const onDisconnect: ((port: NativePort) => void)[] = [];
    let closed = false;
    const port: NativePort = {
      postMessage: (message) => {
        if (closed) throw new Error('Attempting to use a disconnected port object');
        child.stdin.write(encodeFrame(JSON.stringify(message)));
      },
      disconnect: () => {
        if (closed) return;
        closed = true;
        ports.peakRssMb.push(peakRssMb(child.pid));
        child.stdin.end();
      },
      onMessage: { addListener: (listener) => void onMessage.push(listener) },
      onDisconnect: { addListener: (listener) => void onDisconnect.push(listener) },
    };
    child.stdout.on('data', (data: Buffer) => {
      for (const frame of decoder.push(data)) {
        if (frame.kind === 'message') for (const listener of onMessage) listener(frame.value);
      }
    });
    // The stream errors when the host dies with bytes unsent; its exit says what happened.
    child.stdin.on('error', () => undefined);
    child.stderr.resume();
    child.on('exit', (code, signal) => {
      if (closed) return;
      closed = true;
      port.error = { message: `Native host has exited (${signal ?? code}).` };
      for (const listener of onDisconnect) listener(port);
    });
    return port;
  };
  return ports;
}

/**
 * Peak resident set (VmHWM, Linux) of a running process, in MB; NaN once it has exited or where
 * /proc is missing. Read it before closing the host's stdin: the host exits when stdin ends.
 */
export function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN; // already gone
  }
}
