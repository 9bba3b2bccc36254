import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAccounts, findAccountsHere } from '../../../../src/host/account-finder/find-accounts';
import { type FinderIo, nodeFinderIo, type RegOutcome } from '../../../../src/host/account-finder/finder-io';
import { FINDER_LIMITS } from '../../../../src/host/account-finder/limits';
import { OUTLOOK_PROFILE_ROOTS } from '../../../../src/host/account-finder/outlook';
import { finderPlaces } from '../../../../src/host/account-finder/places';
import { REQUESTS } from '../../../../src/shared/protocol';
import {
  EXPECTED_ACCOUNTS,
  PASSWORD_MARKER,
  utf16Hex,
  writeMailPrograms,
} from '../../../helpers/mail-program-fixtures';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'popbiff-finder-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** The real file access, with every path it opened or listed written down. */
function recordingIo(): { io: FinderIo; touched: string[]; bytes: () => number } {
  const real = nodeFinderIo({}, 'linux');
  const touched: string[] = [];
  let bytes = 0;
  return {
    touched,
    bytes: () => bytes,
    io: {
      readText: async (path, max) => {
        touched.push(path);
        const text = await real.readText(path, max);
        if (text !== undefined && text !== 'too-large') bytes += Buffer.byteLength(text);
        return text;
      },
      list: (dir) => {
        touched.push(dir);
        return real.list(dir);
      },
    },
  };
}

const linux = (env: NodeJS.ProcessEnv = {}) => finderPlaces('linux', home, env);

describe('the account finder on a Linux home', () => {
  it('finds the POP3 accounts of Thunderbird (every profile), Evolution, KMail and Claws Mail, and nothing else', async () => {
    writeMailPrograms(home);
    const result = await findAccounts('linux', linux(), recordingIo().io);
    expect(result).toEqual({
      accounts: EXPECTED_ACCOUNTS,
      programs: ['thunderbird', 'evolution', 'kmail', 'claws-mail'],
      capped: false,
    });
    // The reply the host sends is valid by the protocol's own schema.
    expect(REQUESTS['find-accounts'].result.safeParse(result).success).toBe(true);
  });

  it('never opens a password store and never returns a password', async () => {
    writeMailPrograms(home);
    const { io, touched } = recordingIo();
    const result = await findAccounts('linux', linux(), io);
    expect(touched.length).toBeGreaterThan(5);
    for (const path of touched)
      expect(path).not.toMatch(/logins\.json|key4\.db|key3\.db|keyring|kwallet|signons|passwordstorerc/i);
    expect(JSON.stringify(result)).not.toContain(PASSWORD_MARKER);
  });

  it('reads Evolution and KMail from $XDG_CONFIG_HOME when it is set', async () => {
    writeMailPrograms(home);
    const xdg = join(home, 'xdg');
    mkdirSync(xdg);
    const result = await findAccounts('linux', linux({ XDG_CONFIG_HOME: xdg }), recordingIo().io);
    expect(result.programs).toEqual(['thunderbird', 'claws-mail']);
    expect(result.accounts.map((a) => a.program)).not.toContain('evolution');
  });

  it('finds nothing, and says so, in a home without mail programs', async () => {
    expect(await findAccountsHere({}, 'linux', home)).toEqual({ accounts: [], programs: [], capped: false });
  });

  it('skips a settings file above the size cap and says the list may be incomplete', async () => {
    writeMailPrograms(home);
    const prefs = join(home, '.thunderbird', 'abcd1234.default-release', 'prefs.js');
    writeFileSync(prefs, `${'// padding\n'.repeat(FINDER_LIMITS.maxFileBytes / 11 + 1)}`);
    const result = await findAccounts('linux', linux(), recordingIo().io);
    expect(result.capped).toBe(true);
    expect(result.accounts.filter((a) => a.program === 'thunderbird').map((a) => a.profile)).toEqual(['family']);
  });

  it('stops reading at the cap on all bytes together, and says so', async () => {
    writeMailPrograms(home);
    const { io, touched, bytes } = recordingIo();
    // Room for profiles.ini and the small profile's prefs.js, not for the large one's.
    const limits = { ...FINDER_LIMITS, maxTotalBytes: 1_500 };
    const result = await findAccounts('linux', linux(), io, limits);
    expect(result.capped).toBe(true);
    expect(result.accounts.filter((a) => a.program === 'thunderbird').map((a) => a.profile)).toEqual(['family']);
    expect(touched.filter((path) => path.endsWith('prefs.js'))).toHaveLength(2);
    expect(bytes()).toBeLessThanOrEqual(limits.maxTotalBytes);
  });

  it('reads at most the profile cap from one profiles.ini', async () => {
    const dir = join(home, '.thunderbird');
    mkdirSync(dir);
    const count = FINDER_LIMITS.maxProfiles + 5;
    const ini = Array.from({ length: count }, (_, i) => `[Profile${i}]\nName=p${i}\nIsRelative=1\nPath=p${i}\n`);
    writeFileSync(join(dir, 'profiles.ini'), ini.join('\n'));
    const { io, touched } = recordingIo();
    const result = await findAccounts('linux', linux(), io);
    expect(result.capped).toBe(true);
    expect(touched.filter((path) => path.endsWith('prefs.js'))).toHaveLength(FINDER_LIMITS.maxProfiles);
  });

  it('does not open a FIFO named like a settings file (it would block)', async () => {
    mkdirSync(join(home, '.claws-mail'));
    execFileSync('mkfifo', [join(home, '.claws-mail', 'accountrc')]);
    expect(await findAccounts('linux', linux(), recordingIo().io)).toEqual({
      accounts: [],
      programs: [],
      capped: false,
    });
  }, 10_000);
});

describe('the account finder on Windows', () => {
  /** reg.exe as data: the 16.0 root has a profile, the others do not exist. */
  function scriptedReg(output: RegOutcome): { io: FinderIo; calls: (readonly string[])[] } {
    const calls: (readonly string[])[] = [];
    return {
      calls,
      io: {
        readText: async () => undefined,
        list: async () => [],
        reg: async (args) => {
          calls.push(args);
          return args[1] === OUTLOOK_PROFILE_ROOTS[0] ? output : { kind: 'missing' };
        },
      },
    };
  }
  const root = OUTLOOK_PROFILE_ROOTS[0];
  const OUTPUT = [
    '',
    `${root}\\Outlook`,
    '',
    `${root}\\Outlook\\9375CFF0413111d3B88A00104B2A6676`,
    '    {ED475418-B0D6-11D2-8C3B-00104B2A6676}    REG_BINARY    0100000002000000',
    '',
    `${root}\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002`,
    `    Account Name    REG_BINARY    ${utf16Hex('Müller POP')}`,
    `    POP3 Server    REG_BINARY    ${utf16Hex('pop.mueller.example')}`,
    `    POP3 User    REG_BINARY    ${utf16Hex('müller')}`,
    `    POP3 Password    REG_BINARY    ${utf16Hex(PASSWORD_MARKER)}`,
    '    POP3 Port    REG_DWORD    0x3e3',
    '    POP3 Use SSL    REG_DWORD    0x1',
    '',
  ].join('\r\n');

  it('asks reg.exe for each Outlook profile root with argv only, and finds the POP3 account', async () => {
    const { io, calls } = scriptedReg({ kind: 'ok', output: OUTPUT });
    const result = await findAccounts('win32', finderPlaces('win32', 'C:\\Users\\ada', {}), io);
    expect(calls).toEqual(OUTLOOK_PROFILE_ROOTS.map((key) => ['query', key, '/s']));
    expect(result).toEqual({
      accounts: [
        {
          program: 'outlook',
          profile: 'Outlook',
          name: 'Müller POP',
          host: 'pop.mueller.example',
          port: 995,
          security: 'tls',
          username: 'müller',
        },
      ],
      programs: ['outlook'],
      capped: false,
    });
    expect(JSON.stringify(result)).not.toContain(PASSWORD_MARKER);
  });

  it('says the list may be incomplete when reg.exe printed more than the cap', async () => {
    const { io } = scriptedReg({ kind: 'too-large' });
    const result = await findAccounts('win32', finderPlaces('win32', 'C:\\Users\\ada', {}), io);
    expect(result).toEqual({ accounts: [], programs: [], capped: true });
  });
});
