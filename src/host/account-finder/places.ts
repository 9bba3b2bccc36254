import { userConfigRoot } from '../config-dir';
import { type Platform, pathsFor } from '../install/locations';

/**
 * Where each mail program keeps its settings, per OS: a pure table of paths from the home folder
 * and the environment (`XDG_CONFIG_HOME`, `APPDATA`), like the install code's. Snap and Flatpak
 * builds keep theirs inside their sandbox folders in the home folder.
 */
export interface FinderPlaces {
  /** Folders that may hold a Thunderbird profiles.ini. */
  thunderbird: string[];
  /** Evolution's `sources` folders. */
  evolution: string[];
  /** Config folders that may hold KMail's `akonadi_pop3_resource_*rc` files. */
  kmail: string[];
  /** Claws Mail `accountrc` files. */
  claws: string[];
  /** Whether to ask the registry for Outlook's profiles (Windows only). */
  outlook: boolean;
}

export function finderPlaces(platform: Platform, home: string, env: NodeJS.ProcessEnv): FinderPlaces {
  const path = pathsFor(platform);
  const config = userConfigRoot(env, platform, home);
  if (platform === 'win32') {
    return {
      thunderbird: [path.join(config, 'Thunderbird')],
      evolution: [],
      kmail: [],
      claws: [path.join(config, 'Claws-mail', 'accountrc')],
      outlook: true,
    };
  }
  const claws = [path.join(home, '.claws-mail', 'accountrc')];
  if (platform === 'darwin') {
    return {
      thunderbird: [path.join(home, 'Library', 'Thunderbird')],
      evolution: [],
      kmail: [],
      claws,
      outlook: false,
    };
  }
  const flatpak = (app: string, ...rest: string[]) => path.join(home, '.var', 'app', app, ...rest);
  return {
    thunderbird: [
      path.join(home, '.thunderbird'),
      // Firefox 147 creates new profiles in the XDG config folder; Thunderbird shares that Gecko
      // code, so a new Thunderbird install may keep its profiles.ini here (absent: nothing is read).
      path.join(config, 'thunderbird'),
      path.join(home, 'snap', 'thunderbird', 'common', '.thunderbird'),
      flatpak('org.mozilla.Thunderbird', '.thunderbird'),
    ],
    evolution: [
      path.join(config, 'evolution', 'sources'),
      flatpak('org.gnome.Evolution', 'config', 'evolution', 'sources'),
    ],
    kmail: [config, flatpak('org.kde.kmail2', 'config')],
    claws,
    outlook: false,
  };
}
