import { mkdir, rm, writeFile } from 'node:fs/promises';
import { hostManifest } from './host-files';
import { type HostLocation, type InstallTarget, pathsFor } from './locations';
import { type HostProgram, placeProgram, programFiles, writeFailure } from './program';
import { mergeEntries, readReceipt, receiptPathFor, writeReceipt } from './receipt';
import { type RegRunner, regAddArgs, regDeleteArgs, runReg } from './registry';

export interface InstallPlan {
  target: InstallTarget;
  locations: HostLocation[];
  /** What the manifests name: a launcher for node + bundle, or the self-contained executable. */
  program: HostProgram;
  reg?: RegRunner;
}

/** Puts the program in place, writes one manifest (and registry key) per location, and the receipt. */
export async function installHost(plan: InstallPlan): Promise<string[]> {
  const { target } = plan;
  const { registered: launcher, written } = await placeProgram(target, plan.program);
  for (const location of plan.locations) {
    await writeManifest(target, location, launcher);
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
 * files install put in its folder once none is left. Returns what was removed.
 */
export async function uninstallHost(
  target: InstallTarget,
  select: (entry: HostLocation) => boolean = () => true,
  reg: RegRunner = runReg,
): Promise<string[]> {
  const receiptPath = receiptPathFor(target);
  const { entries } = await readReceipt(receiptPath);
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

async function writeManifest(target: InstallTarget, location: HostLocation, launcher: string): Promise<void> {
  const path = pathsFor(target.platform);
  try {
    await mkdir(path.dirname(location.manifestPath), { recursive: true });
    const manifest = hostManifest(location.family, launcher);
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
