/**
 * A private, throw-away Dovecot POP3 server on 127.0.0.1 for live tests, the e2e test and the
 * `npm start` demo. Everything (config, certificates, mail, logs, sockets) lives in `dir`.
 *
 * Runs as the current user, root included: Dovecot's internal services run as the current
 * user; under root, the login processes and the mail (which Dovecot will not run as root) use
 * Dovecot's unprivileged system users instead. `first_valid_uid` is lowered to allow that.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, rename, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Security, ServerSettings } from '../../src/shared/server';

const run = promisify(execFile);

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  dir: string;
  users: DovecotUser[];
  /**
   * Dovecot 2.3 always announces PIPELINING and has no setting to turn it off; the option is
   * accepted so callers can state intent, and only `true` (the default) is honoured.
   */
  pipelining?: boolean;
  /**
   * Dovecot's `auth_mechanisms`; default `plain login`. `cram-md5` and `apop` work because the
   * passdb keeps plaintext passwords; `apop` also puts a timestamp in the greeting.
   */
  authMechanisms?: string[];
  /** More dovecot.conf lines, appended as they are (the benchmark's tuning, LOGIN-DELAY tests, ...). */
  extraConfig?: string;
}

export interface DovecotServer {
  host: '127.0.0.1';
  pop3Port: number;
  pop3sPort: number;
  /** PEM of the test CA that signed the server certificate (127.0.0.1 and localhost). */
  caFile: string;
  /** How an account reaches `user` here: the right port for `security`, trusting the test CA. */
  serverSettings(user: string, security?: Security): ServerSettings;
  /** The user's Maildir (new/, cur/, tmp/), for filling it directly on disk (the benchmark). */
  maildir(user: string): string;
  /** Drops a message into the user's Maildir/new atomically; returns its file name. */
  deliver(user: string, rawMessage: string | Buffer): Promise<string>;
  /** Dovecot's log so far (authentication lines included). */
  authLog(): Promise<string>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 5;

export async function startDovecot(options: DovecotOptions): Promise<DovecotServer> {
  const dir = path.resolve(options.dir);
  await mkdir(path.join(dir, 'run'), { recursive: true });
  await letMailOwnerIn(dir);
  const caFile = await makeCertificates(dir);
  await writeUsers(dir, options.users);
  for (const { user } of options.users) await makeMaildir(dir, user);

  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const [pop3Port, pop3sPort] = [await freePort(), await freePort()];
    await writeFile(
      path.join(dir, 'dovecot.conf'),
      config(dir, pop3Port, pop3sPort, options.authMechanisms ?? ['plain', 'login']) + (options.extraConfig ?? ''),
    );
    const child = spawn('dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      await waitForPorts(child, [pop3Port, pop3sPort]);
      return handle(dir, child, pop3Port, pop3sPort, caFile);
    } catch (error) {
      lastError = new Error(`Dovecot did not start: ${String(error)}\n${stderr}\n${await readLog(dir)}`);
      await stopProcess(child);
      // A port taken between picking and binding is worth another try; anything else is not.
      if (!/in use/i.test(stderr + (await readLog(dir)))) break;
    }
  }
  throw lastError;
}

function handle(dir: string, child: ChildProcess, pop3Port: number, pop3sPort: number, caFile: string): DovecotServer {
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    pop3Port,
    pop3sPort,
    caFile,
    serverSettings: (user, security = 'tls') => ({
      host: '127.0.0.1',
      port: security === 'tls' ? pop3sPort : pop3Port,
      security,
      // As in the product, clear text needs an explicit yes: a test that wants it says so.
      allowPlaintext: false,
      username: user,
      caFile,
    }),
    maildir: (user) => path.join(dir, 'home', user, 'Maildir'),
    deliver: (user, raw) => deliver(dir, user, raw),
    authLog: () => readLog(dir),
    stop: () => (stopping ??= stopProcess(child)),
  };
}

function config(dir: string, pop3Port: number, pop3sPort: number, mechanisms: string[]): string {
  if (!mechanisms.every((m) => /^[a-z0-9-]+$/.test(m))) throw new Error('Invalid auth mechanism name.');
  const me = os.userInfo();
  const group = groupName(me.gid);
  const owner = mailOwner();
  return `# Generated by scripts/lib/dovecot.ts for tests; not for real use.
protocols = pop3
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
auth_verbose = yes
default_internal_user = ${me.username}
default_internal_group = ${group}
default_login_user = ${loginUser(me.uid, me.username)}
first_valid_uid = 0
first_valid_gid = 0
disable_plaintext_auth = no
auth_mechanisms = ${mechanisms.join(' ')}
pop3_uidl_format = %08Xu%08Xv
mail_location = maildir:~/Maildir
ssl = yes
ssl_cert = <${dir}/tls/server.pem
ssl_key = <${dir}/tls/server.key
ssl_min_protocol = TLSv1.2
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/home/%u
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3Port}
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${pop3sPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-urlauth-login {
  chroot =
}
`;
}

/**
 * Dovecot's login processes refuse to run as root ("This process must not be run as root"), so
 * under root they get Dovecot's own unprivileged user (its Debian package creates dovenull).
 */
function loginUser(uid: number, username: string): string {
  if (uid !== 0) return username;
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const known = (name: string) => passwd.split('\n').some((l) => l.startsWith(`${name}:`));
  return known('dovenull') ? 'dovenull' : 'nobody';
}

/**
 * Who owns the test mail. Dovecot refuses mail processes as root ("userdb returned 0 as uid"),
 * so under root the mail belongs to Dovecot's own system user (or nobody).
 */
export function mailOwner(): { uid: number; gid: number } {
  const me = os.userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid };
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  const entry = passwd.find((l) => l.startsWith('dovecot:')) ?? passwd.find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('No unprivileged user to own the test mail.');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The group name for a gid, from /etc/group; falls back to the number, which Dovecot accepts. */
function groupName(gid: number): string {
  try {
    const groups = readFileSync('/etc/group', 'utf8');
    const line = groups.split('\n').find((l) => l.split(':')[2] === String(gid));
    return line?.split(':')[0] ?? String(gid);
  } catch {
    return String(gid);
  }
}

/**
 * Under root the mail is read by another user, who needs search (x) permission on every folder
 * above it; mkdtemp makes 0700 folders. Adds g+x and o+x only inside the temp folder or `dir` itself,
 * and names the folder otherwise rather than touch it.
 */
async function letMailOwnerIn(dir: string): Promise<void> {
  if (os.userInfo().uid !== 0) return;
  const tmp = path.resolve(os.tmpdir());
  for (let folder = dir; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o011) === 0o011) continue;
    if (folder !== dir && !folder.startsWith(`${tmp}${path.sep}`)) {
      throw new Error(`Dovecot's mail user cannot enter ${folder}; choose a folder under ${tmp} or make it o+x.`);
    }
    // Group too: Dovecot's mail process may keep group 0 as a supplementary group.
    await chmod(folder, (mode & 0o7777) | 0o011);
  }
}

async function writeUsers(dir: string, users: DovecotUser[]): Promise<void> {
  for (const { user, password } of users) {
    if (/[:\n]/.test(user + password)) throw new Error('Test users and passwords may not contain ":" or newlines.');
  }
  const lines = users.map(({ user, password }) => `${user}:{PLAIN}${password}::::::\n`);
  await writeFile(path.join(dir, 'users'), lines.join(''), { mode: 0o600 });
}

async function makeMaildir(dir: string, user: string): Promise<void> {
  const { uid, gid } = mailOwner();
  const home = path.join(dir, 'home', user);
  for (const sub of ['new', 'cur', 'tmp']) await mkdir(path.join(home, 'Maildir', sub), { recursive: true });
  for (const p of [
    path.join(dir, 'home'),
    home,
    path.join(home, 'Maildir'),
    ...['new', 'cur', 'tmp'].map((s) => path.join(home, 'Maildir', s)),
  ]) {
    await chown(p, uid, gid);
  }
}

let deliveries = 0;

/** Maildir delivery: write into tmp/, then rename into new/ so Dovecot never sees half a file. */
async function deliver(dir: string, user: string, raw: string | Buffer): Promise<string> {
  const maildir = path.join(dir, 'home', user, 'Maildir');
  const name = `${Date.now()}.P${process.pid}Q${++deliveries}R${randomBytes(4).toString('hex')}.popbiff-test`;
  const body = typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\n'), 'utf8') : raw;
  const { uid, gid } = mailOwner();
  await writeFile(path.join(maildir, 'tmp', name), body);
  await chown(path.join(maildir, 'tmp', name), uid, gid);
  await rename(path.join(maildir, 'tmp', name), path.join(maildir, 'new', name));
  return name;
}

/** A test CA and a server certificate it signed (for 127.0.0.1 and localhost) under DIR/tls; returns the CA's path. */
export async function makeCertificates(dir: string): Promise<string> {
  const tls = path.join(dir, 'tls');
  await mkdir(tls, { recursive: true });
  const f = (name: string) => path.join(tls, name);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Popbiff Test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  ]);
  await writeFile(
    f('server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('server.ext'),
    '-out',
    f('server.pem'),
  ]);
  return f('ca.pem');
}

/** A port the kernel just handed out; a race with other processes is handled by retrying. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPorts(child: ChildProcess, ports: number[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`dovecot exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) throw new Error(`port ${port} not ready after ${READY_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM to the whole process group (master and its children), SIGKILL if it lingers. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

async function readLog(dir: string): Promise<string> {
  return readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
}

export interface MessageParts {
  from: string;
  /** Defaults to a test address. */
  to?: string;
  subject: string;
  /** Defaults to now. */
  date?: Date;
  /** Defaults to a random id at popbiff.test. */
  messageId?: string;
  body?: string;
}

/** A minimal RFC 5322 message; non-ASCII subjects become RFC 2047 encoded words. */
export function makeMessage(parts: MessageParts): string {
  const messageId = parts.messageId ?? `<${randomBytes(8).toString('hex')}@popbiff.test>`;
  return [
    `From: ${parts.from}`,
    `To: ${parts.to ?? 'you@popbiff.test'}`,
    `Subject: ${encodeWord(parts.subject)}`,
    `Date: ${(parts.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    parts.body ?? 'Hello from the Popbiff test harness.',
    '',
  ].join('\r\n');
}

function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}
