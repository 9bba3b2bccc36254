import { mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { hostManifest } from './host-files';
import { type HostLocation, type InstallTarget, isInstallLocation, launcherDir, pathsFor } from './locations';
import { type HostProgram, placeProgram, programFiles, writeFailure } from './program';
import { mergeEntries, readReceipt, receiptPathFor, writeReceipt } from './receipt';
import { type RegRunner, regAddArgs, regDeleteArgs, runReg } from './registry';
import { copyBundle, requireRootOwned, type StatFn } from './system-host';

export interface InstallPlan {
  target: InstallTarget;
  locations: HostLocation[];
  /** What the manifests name: a launcher for node + bundle, or the self-contained executable. */
  program: HostProgram;
  reg?: RegRunner;
  /** `install --dev`: the development key's id is allowed too (npm start, the tests). */
  dev?: boolean;
  /** File ownership, for the system-wide checks; tests pass a fake. */
  statOf?: StatFn;
}

/**
 * Puts the program in place, writes one manifest (and registry key) per location, and the
 * receipt. A system-wide install first makes what its launcher runs root's own (system-host.ts).
 */
export async function installHost(plan: InstallPlan): Promise<string[]> {
  const { target } = plan;
  const program = target.scope === 'system' ? await systemWide(plan) : plan.program;
  const { registered: launcher, written } = await placeProgram(target, program, plan.dev);
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
 * Removes the registrations install wrote that `select` picks (all by default), and the program
 * files install put in its folder once none is left. Returns what was removed. Only places install
 * computes for this target (`computed`, see isInstallLocation) are acted on; anything else the
 * receipt names is dropped from it untouched.
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
  if (staying.length > 0) return removed;
  for (const file of programFiles(target)) if (await removeIfPresent(file)) removed.push(file);
  return removed;
}

/**
 * POSIX, node + bundle: refuses a node any non-root user can change, copies the bundle into the
 * root-owned install folder and checks the copy the same way. The executable checks itself where
 * it is placed (program.ts).
 */
async function systemWide(plan: InstallPlan): Promise<HostProgram> {
  const { program, target } = plan;
  if (target.platform === 'win32' || program.kind !== 'launcher') return program;
  const nodePath = await realpath(program.nodePath).catch(() => program.nodePath);
  await requireRootOwned(nodePath, 'Node.js', plan.statOf);
  const bundlePath = await copyBundle(program.bundlePath, launcherDir(target));
  await requireRootOwned(bundlePath, 'the Popbiff host', plan.statOf);
  return { kind: 'launcher', nodePath, bundlePath };
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
