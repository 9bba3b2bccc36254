import { constants } from 'node:fs';
import { type FileHandle, access, open, readFile } from 'node:fs/promises';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS, chromiumOrigin } from '../../shared/extension-ids';
import { HOST_NAME } from '../../shared/protocol';
import { hostManifest, nodePathInLauncher } from './host-files';
import { type HostLocation, type Platform, pathsFor } from './locations';
import { MIN_NODE_MAJOR, majorOf, nodeVersionOf } from './node-version';
import { probeHost } from './probe';
import { type RegRunner, parseRegQuery, regQueryArgs, runReg } from './registry';

/**
 * Everything that makes a browser say only "Specified native messaging host not found", checked
 * one by one for one registration, each failure in plain words with the command that fixes it.
 * Stops at the first problem that makes the later checks meaningless.
 */
export interface Finding {
  ok: boolean;
  text: string;
  /** What to run (or do) about a failed check. */
  fix?: string;
}

export interface DoctorOptions {
  platform: Platform;
  /** The install command that rewrites this registration, e.g. `npx popbiff install --browser chrome`. */
  reinstall: string;
  reg?: RegRunner;
}

/** More than any launcher script install writes. */
const LAUNCHER_HEAD_BYTES = 4096;

export async function diagnose(location: HostLocation, options: DoctorOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pass = (text: string) => findings.push({ ok: true, text });
  const fail = (text: string, fix = options.reinstall) => {
    findings.push({ ok: false, text, fix });
    return findings;
  };

  if (location.registryKey !== undefined) {
    const registered = await registeredManifest(location.registryKey, options.reg ?? runReg);
    if (registered === undefined) return fail(`the registry key ${location.registryKey} is missing`);
    if (registered !== location.manifestPath)
      return fail(`the registry key ${location.registryKey} names ${registered}, not ${location.manifestPath}`);
    pass(`registry key ${location.registryKey} is set`);
  }

  const text = await readText(location.manifestPath);
  if (text === undefined) return fail(`no host manifest at ${location.manifestPath}`);
  pass(`manifest found at ${location.manifestPath}`);

  const manifest = parseObject(text);
  if (!manifest) return fail('the manifest is not valid JSON');
  if (manifest.name !== HOST_NAME)
    return fail(`the manifest's name is ${JSON.stringify(manifest.name)}, not "${HOST_NAME}"`);
  if (manifest.type !== 'stdio') return fail('the manifest\'s type is not "stdio"');

  const missing = missingIds(location, manifest);
  if (missing.length > 0) fail(`the manifest does not allow ${missing.join(', ')}`);
  else pass('the manifest allows the Popbiff extension');

  const launcher = manifest.path;
  if (typeof launcher !== 'string' || !pathsFor(options.platform).isAbsolute(launcher))
    return fail("the manifest's path is not an absolute path");
  if (!(await canRead(launcher))) return fail(`the host program ${launcher} does not exist`);
  if (options.platform !== 'win32' && !(await isExecutable(launcher)))
    return fail(`the host program ${launcher} is not executable`);
  pass(`host program ${launcher} is there${options.platform === 'win32' ? '' : ' and executable'}`);

  const nodeProblem = await checkNode(await readHead(launcher));
  if (nodeProblem) return fail(nodeProblem.text, nodeProblem.fix);
  if (missing.length > 0) return findings; // the probe would pass yet the browser would still refuse

  const probe = await probeHost(launcher, probeArgs(location));
  if (!probe.ok) return fail(probe.problem);
  pass(`the host answers "hello" (version ${probe.hostVersion}, secrets in: ${probe.secretStore})`);
  return findings;
}

/** The launcher pins one node binary: it must still exist and be new enough for the bundle. */
async function checkNode(launcherText: string): Promise<{ text: string; fix: string } | undefined> {
  const node = nodePathInLauncher(launcherText);
  if (node === undefined) return undefined;
  const reinstallWithNode = `install Node.js ${MIN_NODE_MAJOR} or newer, then run: npx popbiff install`;
  const version = await nodeVersionOf(node);
  if (version === undefined)
    return { text: `the launcher runs ${node}, which does not exist or is not a working node`, fix: reinstallWithNode };
  const major = majorOf(version) ?? 0;
  if (major < MIN_NODE_MAJOR)
    return {
      text: `the launcher runs Node ${version}; Popbiff needs ${MIN_NODE_MAJOR} or newer`,
      fix: reinstallWithNode,
    };
  return undefined;
}

async function registeredManifest(key: string, reg: RegRunner): Promise<string | undefined> {
  try {
    return parseRegQuery(await reg(regQueryArgs(key)));
  } catch {
    return undefined; // reg.exe fails exactly when the key does not exist
  }
}

/** The arguments the browser itself would pass. */
function probeArgs(location: HostLocation): string[] {
  if (location.family === 'firefox') return [location.manifestPath, FIREFOX_EXTENSION_IDS[0]];
  return [chromiumOrigin(CHROMIUM_EXTENSION_IDS[0])];
}

function missingIds(location: HostLocation, manifest: Record<string, unknown>): string[] {
  // The ids `install` writes, from the same function, so doctor cannot drift from install.
  const expected = hostManifest(location.family, '');
  const [key, wanted]: [string, string[]] =
    expected.allowed_extensions !== undefined
      ? ['allowed_extensions', expected.allowed_extensions]
      : ['allowed_origins', expected.allowed_origins ?? []];
  const listed = manifest[key];
  const present = Array.isArray(listed) ? listed : [];
  return wanted.filter((id) => !present.includes(id));
}

/**
 * The start of the program: a launcher script is a few hundred bytes, and the self-contained
 * executable (over 100 MB, no node to check) need not be read whole.
 */
async function readHead(path: string): Promise<string> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(LAUNCHER_HEAD_BYTES) });
    return buffer.toString('utf8', 0, bytesRead);
  } catch {
    return '';
  } finally {
    await file?.close();
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const canRead = (path: string) =>
  access(path, constants.R_OK).then(
    () => true,
    () => false,
  );
const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
