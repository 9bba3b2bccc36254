import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHost } from '../../../../src/host/install/probe';

/**
 * A stand-in host that answers each `hello` with secretStore "pending" as often as its first
 * argument says, then "keyring": what a real host does on a first start while it probes.
 */
const FAKE_HOST = `
let buffered = Buffer.alloc(0);
let pendingLeft = Number(process.argv[2]);
process.stdin.on('data', (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
    const size = buffered.readUInt32LE(0);
    const request = JSON.parse(buffered.subarray(4, 4 + size).toString('utf8'));
    buffered = buffered.subarray(4 + size);
    const secretStore = pendingLeft-- > 0 ? 'pending' : 'keyring';
    const result = { protocolVersion: 1, hostVersion: '9.9.9', platform: 'test', secretStore };
    const body = Buffer.from(JSON.stringify({ v: 1, id: request.id, hostVersion: '9.9.9', ok: true, result }));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length);
    process.stdout.write(Buffer.concat([head, body]));
  }
});
`;

describe('doctor asking a host that is still choosing its secret store', () => {
  let dir: string;
  let launcher: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'popbiff-probe-'));
    const script = join(dir, 'fake-host.cjs');
    writeFileSync(script, FAKE_HOST);
    launcher = join(dir, 'launcher');
    writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
    chmodSync(launcher, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks hello again until the host names the store', async () => {
    expect(await probeHost(launcher, ['2'])).toEqual({ ok: true, hostVersion: '9.9.9', secretStore: 'keyring' });
  });

  it('reports "pending" rather than a silent host when the choice outlasts the time limit', async () => {
    // The limit leaves a loaded machine time to start node; the host says "pending" throughout.
    expect(await probeHost(launcher, ['1000'], 4000)).toEqual({
      ok: true,
      hostVersion: '9.9.9',
      secretStore: 'pending',
    });
  });
});
