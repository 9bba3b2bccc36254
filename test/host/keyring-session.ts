import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private D-Bus session with an unlocked gnome-keyring (a real Secret Service), for tests of
 * the keyring store. `dbus-run-session` owns the bus; its child unlocks the keyring and prints
 * the bus address, then waits; processes given `env` talk to that keyring and no other.
 */
export interface KeyringSession {
  env: NodeJS.ProcessEnv;
  stop(): void;
}

const START_TIMEOUT_MS = 15_000;
/**
 * The login keyring's password only matters inside this throwaway session. The daemon that
 * --unlock forks claims the Secret Service's bus name a moment later; a client asking before
 * that makes D-Bus start a second daemon (org.freedesktop.secrets.service) without the unlocked
 * keyring, and every keyring call fails (seen under load). So the bus is announced only once the
 * name has its owner, asked without starting anything (bounded: about 10 s, then the session fails).
 */
const SCRIPT = `printf unlock-me | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
for i in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'; then
    echo "BUS=$DBUS_SESSION_BUS_ADDRESS"
    exec sleep 600
  fi
  sleep 0.1
done
echo 'gnome-keyring never took the Secret Service name' >&2
exit 1`;

export function startKeyringSession(baseEnv: NodeJS.ProcessEnv = process.env): Promise<KeyringSession> {
  // gnome-keyring keeps its keyring files under XDG_DATA_HOME: a fresh folder means a fresh,
  // empty login keyring that --unlock creates with our password, never the user's own.
  const data = mkdtempSync(join(tmpdir(), 'popbiff-keyring-data-'));
  const env = { ...baseEnv, XDG_DATA_HOME: data };
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', SCRIPT], {
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    killGroup(child);
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`no keyring session within ${START_TIMEOUT_MS / 1000} s: ${output}`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      stop();
      reject(error);
    };
    child.on('error', (error) =>
      fail(new Error(`dbus-run-session could not start (install dbus and gnome-keyring): ${error.message}`)),
    );
    child.stderr.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString('utf8');
      const address = /^BUS=(.+)$/m.exec(output)?.[1];
      if (!address) return;
      clearTimeout(timer);
      resolve({ env: { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: address }, stop });
    });
    child.on('exit', (code) => fail(new Error(`the keyring session ended early (code ${code}): ${output}`)));
  });
}

/** The whole group: dbus-run-session, the bus, the keyring daemon and the waiting shell. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
