import { describe, expect, it } from 'vitest';
import { finderPlaces } from '../../../../src/host/account-finder/places';

describe('where the mail programs keep their settings', () => {
  it('on Linux: the home folder, $XDG_CONFIG_HOME (or ~/.config), and the Snap and Flatpak sandboxes', () => {
    expect(finderPlaces('linux', '/home/ana', {})).toEqual({
      thunderbird: [
        '/home/ana/.thunderbird',
        '/home/ana/.config/thunderbird',
        '/home/ana/snap/thunderbird/common/.thunderbird',
        '/home/ana/.var/app/org.mozilla.Thunderbird/.thunderbird',
      ],
      evolution: [
        '/home/ana/.config/evolution/sources',
        '/home/ana/.var/app/org.gnome.Evolution/config/evolution/sources',
      ],
      kmail: ['/home/ana/.config', '/home/ana/.var/app/org.kde.kmail2/config'],
      claws: ['/home/ana/.claws-mail/accountrc'],
      outlook: false,
    });
    const xdg = finderPlaces('linux', '/home/ana', { XDG_CONFIG_HOME: '/cfg' });
    expect(xdg.evolution[0]).toBe('/cfg/evolution/sources');
    expect(xdg.kmail[0]).toBe('/cfg');
  });

  it('on macOS: ~/Library/Thunderbird and ~/.claws-mail', () => {
    expect(finderPlaces('darwin', '/Users/ana', { XDG_CONFIG_HOME: '/ignored' })).toEqual({
      thunderbird: ['/Users/ana/Library/Thunderbird'],
      evolution: [],
      kmail: [],
      claws: ['/Users/ana/.claws-mail/accountrc'],
      outlook: false,
    });
  });

  it('on Windows: %APPDATA% (or AppData\\Roaming below the home folder) and the registry', () => {
    expect(finderPlaces('win32', 'C:\\Users\\Ana', { APPDATA: 'D:\\Roaming' })).toEqual({
      thunderbird: ['D:\\Roaming\\Thunderbird'],
      evolution: [],
      kmail: [],
      claws: ['D:\\Roaming\\Claws-mail\\accountrc'],
      outlook: true,
    });
    expect(finderPlaces('win32', 'C:\\Users\\Ana', {}).thunderbird).toEqual([
      'C:\\Users\\Ana\\AppData\\Roaming\\Thunderbird',
    ]);
  });
});
