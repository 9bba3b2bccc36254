import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS, chromiumOrigin } from '../../shared/extension-ids';
import { HOST_NAME } from '../../shared/protocol';
import { nodePathInLauncher } from './host-files';
import type { HostLocation } from './locations';
import { probeHost } from './probe';

/**
 * Everything that makes a browser say only "Specified native messaging host not found", checked
 * one by one for one manifest location, each failure in plain words. Stops at the first problem
 * that makes the later checks meaningless.
 */
export interface Finding {
  ok: boolean;
  text: string;
}

export async function diagnose(location: HostLocation): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pass = (text: string) => findings.push({ ok: true, text });
  const fail = (text: string) => {
    findings.push({ ok: false, text });
    return findings;
  };

  const text = await readText(location.manifestPath);
  if (text === undefined) return fail(`no host manifest at ${location.manifestPath}`);
  pass(`manifest found at ${location.manifestPath}`);

  const manifest = parseObject(text);
  if (!manifest) return fail('the manifest is not valid JSON');
  if (manifest.name !== HOST_NAME) return fail(`the manifest's name is ${JSON.stringify(manifest.name)}, not "${HOST_NAME}"`);
  if (manifest.type !== 'stdio') return fail('the manifest\'s type is not "stdio"');

  const missing = missingIds(location, manifest);
  if (missing.length > 0) fail(`the manifest does not allow ${missing.join(', ')}`);
  else pass('the manifest allows the Popbiff extension');

  const launcher = manifest.path;
  if (typeof launcher !== 'string' || !isAbsolute(launcher)) return fail('the manifest\'s path is not an absolute path');
  if (!(await canRead(launcher))) return fail(`the host program ${launcher} does not exist`);
  if (!(await isExecutable(launcher))) return fail(`the host program ${launcher} is not executable`);
  pass(`host program ${launcher} is executable`);

  const node = nodePathInLauncher((await readText(launcher)) ?? '');
  if (node !== undefined && !(await isExecutable(node))) return fail(`the launcher runs ${node}, which does not exist or is not executable`);
  if (missing.length > 0) return findings; // the probe would pass yet the browser would still refuse

  const probe = await probeHost(launcher, probeArgs(location));
  if (!probe.ok) return fail(probe.problem);
  pass(`the host answers "hello" (version ${probe.hostVersion})`);
  return findings;
}

/** The arguments the browser itself would pass. */
function probeArgs(location: HostLocation): string[] {
  if (location.family === 'firefox') return [location.manifestPath, FIREFOX_EXTENSION_IDS[0]];
  return [chromiumOrigin(CHROMIUM_EXTENSION_IDS[0])];
}

function missingIds(location: HostLocation, manifest: Record<string, unknown>): string[] {
  const [key, wanted]: [string, string[]] =
    location.family === 'firefox'
      ? ['allowed_extensions', [...FIREFOX_EXTENSION_IDS]]
      : ['allowed_origins', CHROMIUM_EXTENSION_IDS.map(chromiumOrigin)];
  const listed = manifest[key];
  const present = Array.isArray(listed) ? listed : [];
  return wanted.filter((id) => !present.includes(id));
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
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const canRead = (path: string) => access(path, constants.R_OK).then(() => true, () => false);
const isExecutable = (path: string) => access(path, constants.X_OK).then(() => true, () => false);
