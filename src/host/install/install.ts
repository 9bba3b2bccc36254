import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostManifest, launcherPathIn, launcherScript } from './host-files';
import type { HostLocation } from './locations';

export interface InstallPlan {
  locations: HostLocation[];
  configDir: string;
  /** Absolute path of the node binary the launcher runs. */
  nodePath: string;
  /** Absolute path of dist/host/popbiff.mjs. */
  bundlePath: string;
}

/** Writes the launcher and one manifest per location; returns the paths written. */
export async function installHost(plan: InstallPlan): Promise<string[]> {
  const launcher = launcherPathIn(plan.configDir);
  await mkdir(dirname(launcher), { recursive: true, mode: 0o700 });
  await writeFile(launcher, launcherScript(plan.nodePath, plan.bundlePath), { mode: 0o755 });
  await chmod(launcher, 0o755); // an existing file keeps its old mode otherwise
  const written = [launcher];
  for (const location of plan.locations) {
    await mkdir(dirname(location.manifestPath), { recursive: true });
    const manifest = hostManifest(location.family, launcher);
    await writeFile(location.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
    written.push(location.manifestPath);
  }
  return written;
}

/**
 * Removes the manifests at `locations`, and the launcher once no manifest in `stillKnown` (every
 * other place install may have written) points at it any more. Returns the paths removed.
 */
export async function uninstallHost(locations: HostLocation[], stillKnown: HostLocation[], configDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const { manifestPath } of locations) {
    if (await removeIfPresent(manifestPath)) removed.push(manifestPath);
  }
  const launcher = launcherPathIn(configDir);
  const inUse = await Promise.all(stillKnown.map((location) => pointsAt(location.manifestPath, launcher)));
  if (!inUse.includes(true) && (await removeIfPresent(launcher))) removed.push(launcher);
  return removed;
}

async function removeIfPresent(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch {
    return false;
  }
}

async function pointsAt(manifestPath: string, launcher: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { path?: unknown };
    return manifest.path === launcher;
  } catch {
    return false;
  }
}
