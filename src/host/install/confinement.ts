import { posix } from 'node:path';
import { type Browser, PLACES } from './locations';

/**
 * Snap and Flatpak run the browser in a sandbox that cannot start programs from the host
 * system, so a perfectly installed host still reads "not found" there. We can only detect
 * such installs and explain; the fix is a browser from the distribution's own packages.
 */
export interface ConfinedInstall {
  kind: 'snap' | 'flatpak';
  path: string;
}

export function confinedInstalls(browser: Browser, home: string, exists: (path: string) => boolean): ConfinedInstall[] {
  const { snap, flatpak } = PLACES[browser];
  const candidates: ConfinedInstall[] = [
    { kind: 'flatpak', path: `/var/lib/flatpak/app/${flatpak}` },
    { kind: 'flatpak', path: posix.join(home, '.local/share/flatpak/app', flatpak) },
  ];
  if (snap !== undefined) {
    candidates.unshift(
      { kind: 'snap', path: `/snap/bin/${snap}` },
      { kind: 'snap', path: posix.join(home, 'snap', snap) },
    );
  }
  return candidates.filter((candidate) => exists(candidate.path));
}

export function confinementAdvice(browser: Browser, found: ConfinedInstall): string {
  const where = found.kind === 'snap' ? `a Snap (${found.path})` : `a Flatpak (${found.path})`;
  return (
    `${browser} is installed as ${where}: its sandbox usually cannot start native hosts such as Popbiff's. ` +
    `Use ${browser} from your distribution's own packages (.deb/.rpm) or the vendor's download instead` +
    (found.kind === 'snap' && browser === 'firefox'
      ? ' (recent Firefox snaps can ask through the desktop portal: allow it when asked).'
      : '.')
  );
}
