import { chmod, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { PopbiffError } from '../../shared/errors';
import { hostManifest, launcherPath, launcherScript } from './host-files';
import { type HostLocation, type InstallTarget, isInstallLocation, launcherDir, pathsFor } from './locations';
import { RECEIPT_FILE, mergeEntries, readReceipt, writeReceipt } from './receipt';
import { type RegRunner, regAddArgs, regDeleteArgs, runReg } from './registry';
import { type StatFn, copyBundle, requireRootOwned } from './system-host';

export interface InstallPlan {
  target: InstallTarget;
  locations: HostLocation[];
  /** Absolute path of the node binary the launcher runs. */
  nodePath: string;
  /** Absolute path of the host bundle (dist/host/popbiff.mjs). */
  bundlePath: string;
  reg?: RegRunner;
  /** `install --dev`: the development key's id is allowed too (npm start, the tests). */
  dev?: boolean;
  /** File ownership, for the system-wide checks; tests pass a fake. */
  statOf?: StatFn;
}

/**
 * Writes the launcher, one manifest (and registry key) per location, and the receipt. A
 * system-wide install first makes what its launcher runs root's own (see system-host.ts).
 */
export async function installHost(plan: InstallPlan): Promise<string[]> {
  const { target } = plan;
  const launcher = launcherPath(target);
  await writeLauncher(target.scope === 'system' ? await systemWide(plan) : plan, launcher);
  const written = [launcher];
  for (const location of plan.locations) {
    await writeManifest(target, location, launcher, plan.dev);
    written.push(location.manifestPath);
    if (location.registryKey === undefined) continue;
    await (plan.reg ?? runReg)(regAddArgs(location.registryKey, location.manifestPath));
    written.push(location.registryKey);
  }
  const receiptPath = receiptPathFor(target);
  const receipt = await readReceipt(receiptPath);
  await writeReceipt(receiptPath, { version: 1, entries: mergeEntries(receipt.entries, plan.locations) });
  return written;
}

/**
 * Removes the registrations install wrote that `select` picks (all by default), and the launcher
 * once none is left. Returns what was removed. Only places install computes for this target
 * (`computed`, see isInstallLocation) are acted on; anything else the receipt names is dropped from
 * it untouched.
 */
export async function uninstallHost(
  target: InstallTarget,
  select: (entry: HostLocation) => boolean = () => true,
  reg: RegRunner = runReg,
  computed: (entry: HostLocation) => boolean = (entry) => isInstallLocation(target, entry),
): Promise<string[]> {
  const receiptPath = receiptPathFor(target);
  const entries = (await readReceipt(receiptPath)).entries.filter(computed);
  const leaving = entries.filter(select);
  const staying = entries.filter((entry) => !select(entry));
  const removed: string[] = [];
  for (const entry of leaving) {
    if (entry.registryKey !== undefined && (await deleteKey(reg, entry.registryKey))) removed.push(entry.registryKey);
    // Windows forks share one manifest per family: keep it while another entry still names it.
    const shared = staying.some((other) => other.manifestPath === entry.manifestPath);
    if (!shared && (await removeIfPresent(entry.manifestPath))) removed.push(entry.manifestPath);
  }
  await writeReceipt(receiptPath, { version: 1, entries: staying });
  if (staying.length === 0 && (await removeIfPresent(launcherPath(target)))) removed.push(launcherPath(target));
  return removed;
}

export function receiptPathFor(target: InstallTarget): string {
  return pathsFor(target.platform).join(launcherDir(target), RECEIPT_FILE);
}

/**
 * Every registration the receipts of a user and a system install list (manifest files, and
 * registry keys on Windows), for the options page's "registered in". A damaged receipt lists
 * nothing rather than failing `hello`.
 */
export async function registrationsOf(target: Omit<InstallTarget, 'scope'>): Promise<string[]> {
  const receipts = await Promise.all(
    (['user', 'system'] as const).map((scope) =>
      readReceipt(receiptPathFor({ ...target, scope })).catch(() => ({ entries: [] })),
    ),
  );
  return receipts.flatMap(({ entries }) => entries.map((entry) => entry.registryKey ?? entry.manifestPath));
}

/**
 * POSIX: refuses a node any non-root user can change, copies the bundle into the root-owned
 * install folder and checks the copy the same way; the launcher then runs only root's files.
 */
async function systemWide(plan: InstallPlan): Promise<InstallPlan> {
  if (plan.target.platform === 'win32') return plan;
  const nodePath = await realpath(plan.nodePath).catch(() => plan.nodePath);
  await requireRootOwned(nodePath, 'Node.js', plan.statOf);
  const bundlePath = await copyBundle(plan.bundlePath, launcherDir(plan.target));
  await requireRootOwned(bundlePath, 'the Popbiff host', plan.statOf);
  return { ...plan, nodePath, bundlePath };
}

async function writeLauncher(plan: InstallPlan, launcher: string): Promise<void> {
  const dir = launcherDir(plan.target);
  try {
    await mkdir(dir, { recursive: true, mode: plan.target.scope === 'user' ? 0o700 : 0o755 });
    const script = launcherScript(plan.target.platform, plan.nodePath, plan.bundlePath, plan.dev);
    await writeFile(launcher, script, { mode: 0o755 });
    await chmod(launcher, 0o755); // an existing file keeps its old mode otherwise
  } catch (error) {
    throw writeFailure(launcher, error);
  }
}

async function writeManifest(
  target: InstallTarget,
  location: HostLocation,
  launcher: string,
  dev = false,
): Promise<void> {
  const path = pathsFor(target.platform);
  try {
    await mkdir(path.dirname(location.manifestPath), { recursive: true });
    const manifest = hostManifest(location.family, launcher, dev);
    await writeFile(location.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
  } catch (error) {
    throw writeFailure(location.manifestPath, error);
  }
}

/** Permission problems are the usual cause (a --system install without root). */
function writeFailure(path: string, error: unknown): PopbiffError {
  const denied = error instanceof Error && 'code' in error && (error.code === 'EACCES' || error.code === 'EPERM');
  const hint = denied ? ' Permission denied: a --system install needs root (sudo) or an administrator.' : '';
  return new PopbiffError('STORAGE_FAILED', `Could not write ${path}.${hint}`);
}

/** False when reg.exe fails, which in practice means the key is already gone (removed by hand). */
async function deleteKey(reg: RegRunner, key: string): Promise<boolean> {
  try {
    await reg(regDeleteArgs(key));
    return true;
  } catch {
    return false;
  }
}

async function removeIfPresent(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch {
    return false;
  }
}
