import { describe, expect, it } from 'vitest';
import { NPM_INSTRUCTIONS, hostInstructions, isOlderVersion } from '../../../src/shared/host-download';

const BASE = 'https://downloads.example.org/popbiff/0.2.0/';

describe('how to get the host', () => {
  it('a developer build (no download address) always offers the npm path', () => {
    for (const os of ['linux', 'mac', 'win', 'cros'])
      expect(hostInstructions({ os, arch: 'x86-64' }, '0.2.0', undefined)).toEqual(NPM_INSTRUCTIONS);
  });

  it('Linux gets the Debian package for its architecture and one apt command', () => {
    expect(hostInstructions({ os: 'linux', arch: 'x86-64' }, '0.2.0', BASE)).toEqual({
      download: {
        file: 'popbiff-host_0.2.0_amd64.deb',
        url: 'https://downloads.example.org/popbiff/0.2.0/popbiff-host_0.2.0_amd64.deb',
      },
      install: 'sudo apt install ./popbiff-host_0.2.0_amd64.deb',
      doctor: 'popbiff-host doctor --system',
    });
    expect(hostInstructions({ os: 'linux', arch: 'arm64' }, '0.2.0', BASE).install).toBe(
      'sudo apt install ./popbiff-host_0.2.0_arm64.deb',
    );
  });

  it('macOS (Intel or Apple silicon) gets the x64 archive and its install script', () => {
    for (const arch of ['x86-64', 'arm64']) {
      const steps = hostInstructions({ os: 'mac', arch }, '0.2.0', BASE);
      expect(steps.download?.file).toBe('popbiff-host-0.2.0-darwin-x64.tar.gz');
      expect(steps.install).toBe(
        'tar -xzf popbiff-host-0.2.0-darwin-x64.tar.gz && ./popbiff-host-0.2.0-darwin-x64/install.sh',
      );
    }
  });

  it('Windows gets the zip and its install.cmd', () => {
    const steps = hostInstructions({ os: 'win', arch: 'x86-64' }, '0.2.0', BASE);
    expect(steps.download?.url).toBe('https://downloads.example.org/popbiff/0.2.0/popbiff-host-0.2.0-win-x64.zip');
    expect(steps.install).toBe('popbiff-host-0.2.0-win-x64\\install.cmd');
  });

  it('a system with no package (ChromeOS, 32-bit Windows) falls back to npm', () => {
    expect(hostInstructions({ os: 'cros', arch: 'x86-64' }, '0.2.0', BASE)).toEqual(NPM_INSTRUCTIONS);
    expect(hostInstructions({ os: 'win', arch: 'x86-32' }, '0.2.0', BASE)).toEqual(NPM_INSTRUCTIONS);
  });
});

describe('host versions', () => {
  it.each([
    ['0.1.0', '0.2.0', true],
    ['0.2.0', '0.2.0', false],
    ['0.10.0', '0.9.1', false],
    ['1.0.0', '0.99.99', false],
    ['0.2.0-beta', '0.2.1', true],
    ['garbage', '0.1.0', true],
  ] as const)('%s is older than %s: %s', (version, minimum, older) => {
    expect(isOlderVersion(version, minimum)).toBe(older);
  });
});
