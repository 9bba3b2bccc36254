import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../src/host/install/doctor';
import type { HostLocation } from '../../../../src/host/install/locations';
import type { RegArgs } from '../../../../src/host/install/registry';

const KEY = 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.popbiff.host';
const location: HostLocation = {
  browser: 'chrome',
  family: 'chromium',
  manifestPath: 'C:\\Users\\u\\AppData\\Roaming\\Popbiff\\host\\chromium\\org.popbiff.host.json',
  registryKey: KEY,
};
const options = (reg: (args: RegArgs) => Promise<string>) => ({
  platform: 'win32' as const,
  reinstall: 'npx popbiff install --browser chrome',
  reg,
});

describe('doctor on Windows registrations', () => {
  it('names a missing registry key and the command that sets it', async () => {
    const queried: RegArgs[] = [];
    const findings = await diagnose(
      location,
      options(async (args) => {
        queried.push(args);
        throw new Error('ERROR: The system was unable to find the specified registry key or value.');
      }),
    );
    expect(queried).toEqual([['query', KEY, '/ve']]);
    expect(findings).toEqual([
      { ok: false, text: `the registry key ${KEY} is missing`, fix: 'npx popbiff install --browser chrome' },
    ]);
  });

  it('names a key that points at another manifest', async () => {
    const findings = await diagnose(
      location,
      options(async () => `\r\n${KEY}\r\n    (Default)    REG_SZ    C:\\old\\host.json\r\n`),
    );
    expect(findings.at(-1)).toMatchObject({
      ok: false,
      text: `the registry key ${KEY} names C:\\old\\host.json, not ${location.manifestPath}`,
    });
  });

  it('goes on to the manifest once the key is right', async () => {
    const findings = await diagnose(
      location,
      options(async () => `${KEY}\r\n    (Default)    REG_SZ    ${location.manifestPath}\r\n`),
    );
    expect(findings[0]).toEqual({ ok: true, text: `registry key ${KEY} is set` });
    expect(findings[1]).toMatchObject({ ok: false, text: `no host manifest at ${location.manifestPath}` });
  });
});
