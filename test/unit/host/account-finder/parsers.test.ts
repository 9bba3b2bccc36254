import { describe, expect, it } from 'vitest';
import { clawsAccounts } from '../../../../src/host/account-finder/claws-mail';
import { evolutionAccounts } from '../../../../src/host/account-finder/evolution';
import { parseIni } from '../../../../src/host/account-finder/ini';
import { portOf } from '../../../../src/host/account-finder/port';
import { kmailAccount } from '../../../../src/host/account-finder/kmail';
import { parsePrefs } from '../../../../src/host/account-finder/prefs-js';
import { parseProfilesIni, thunderbirdAccounts } from '../../../../src/host/account-finder/thunderbird';
import { tidyAccounts } from '../../../../src/host/account-finder/tidy';
import { type FoundAccount, MAX_FOUND_ACCOUNTS } from '../../../../src/shared/protocol';

describe("Thunderbird's prefs.js", () => {
  it('reads strings with escapes, integers, booleans, and skips comments', () => {
    const prefs = parsePrefs(
      [
        '# a hash comment',
        '// a line comment',
        '/* a block',
        '   comment */ user_pref("a.string", "say \\"hi\\" \\\\ \\u00fc\\x41");',
        "user_pref('single', 'quoted');",
        'user_pref("a.number", -42);',
        'user_pref("a.flag", true);',
        'pref("default.pref", false, locked);',
        'user_pref("raw.utf8", "Łódź");',
      ].join('\n'),
    );
    expect(Object.fromEntries(prefs)).toEqual({
      'a.string': 'say "hi" \\ üA',
      single: 'quoted',
      'a.number': -42,
      'a.flag': true,
      'default.pref': false,
      'raw.utf8': 'Łódź',
    });
  });

  it('skips a broken statement up to its semicolon and keeps the rest', () => {
    const prefs = parsePrefs(
      'user_pref("ok.before", 1);\nuser_pref("broken" 2);\nuser_pref("unterminated, 3);\nuser_pref("bad \\q escape", 4);\nuser_pref("ok.after", "yes");',
    );
    expect(Object.fromEntries(prefs)).toEqual({ 'ok.before': 1, 'ok.after': 'yes' });
  });

  it('reads a hostile file in linear time: strings left open are not read again', () => {
    const hostile = 'user_pref("a;'.repeat(200_000);
    const started = performance.now();
    expect(parsePrefs(`${hostile}\nuser_pref("after", 1);`).get('after')).toBe(1);
    // Quadratic re-reading would take minutes here; linear takes milliseconds (bound generous for a loaded machine).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('maps every socketType onto a security setting, with the default port for each', () => {
    const server = (n: number, socketType?: number) =>
      [
        `user_pref("mail.server.s${n}.type", "pop3");`,
        `user_pref("mail.server.s${n}.hostname", "pop${n}.example");`,
        `user_pref("mail.server.s${n}.userName", "u${n}");`,
        socketType === undefined ? '' : `user_pref("mail.server.s${n}.socketType", ${socketType});`,
      ].join('\n');
    const found = thunderbirdAccounts(parsePrefs([0, 1, 2, 3, undefined].map((t, n) => server(n, t)).join('\n')), 'p');
    expect(found.map((a) => [a.host, a.security, a.port])).toEqual([
      ['pop0.example', 'plain', 110],
      ['pop1.example', 'starttls', 110],
      ['pop2.example', 'starttls', 110],
      ['pop3.example', 'tls', 995],
      ['pop4.example', 'plain', 110],
    ]);
  });

  it('skips IMAP, news, RSS and local folders, and servers of deleted accounts', () => {
    const prefs = parsePrefs(
      [
        'user_pref("mail.accountmanager.accounts", "account1");',
        'user_pref("mail.account.account1.server", "server1");',
        'user_pref("mail.server.server1.type", "imap");',
        'user_pref("mail.server.server1.hostname", "imap.example");',
        'user_pref("mail.server.server2.type", "pop3");',
        'user_pref("mail.server.server2.hostname", "gone.example");',
        'user_pref("mail.server.server3.type", "nntp");',
        'user_pref("mail.server.server3.hostname", "news.example");',
      ].join('\n'),
    );
    expect(thunderbirdAccounts(prefs, 'p')).toEqual([]);
  });
});

describe("Mozilla's profiles.ini", () => {
  it('lists every profile, relative or absolute, and ignores the other groups', () => {
    const ini = [
      '[General]',
      'StartWithLastProfile=1',
      '[Profile0]',
      'Name=default',
      'IsRelative=1',
      'Path=Profiles/x1.default',
      '[Profile1]',
      'Name=Trabajo',
      'IsRelative=0',
      'Path=D:\\Mail\\Trabajo',
      '[InstallABC]',
      'Default=Profiles/x1.default',
    ].join('\r\n');
    expect(parseProfilesIni(ini)).toEqual([
      { name: 'default', path: 'Profiles/x1.default', relative: true },
      { name: 'Trabajo', path: 'D:\\Mail\\Trabajo', relative: false },
    ]);
  });
});

describe('ini-like files', () => {
  it('unescapes GLib and KConfig values only when asked, and lets the last repeated key win', () => {
    const text = '\uFEFF[G]\nk=a\\sb\\nc\\\\d\\q\nk2 = first\nk2 = second\n; comment\n';
    expect(parseIni(text, { escapes: true }).get('G')?.get('k')).toBe('a b\nc\\d\\q');
    expect(parseIni(text).get('G')?.get('k')).toBe('a\\sb\\nc\\\\d\\q');
    expect(parseIni(text).get('G')?.get('k2')).toBe('second');
  });
});

it('reads a port only when it is a whole number in 1..65535', () => {
  expect([995, '995', ' 110 ', 65535].map(portOf)).toEqual([995, 995, 110, 65535]);
  expect([0, '0', 65536, '99999', '1e3', '12a', '', -1, 1.5, true, undefined].map(portOf)).toEqual(
    Array(11).fill(undefined),
  );
});

describe("Evolution's sources", () => {
  const source = (method: string, backend = 'pop', port = '0') =>
    `[Authentication]\nHost=h.example\nPort=${port}\nUser=u\n[Security]\nMethod=${method}\n[Mail Account]\nBackendName=${backend}\n`;

  it('maps the security methods and fills in the default port', () => {
    const found = evolutionAccounts([
      { uid: 'a', text: source('ssl-on-alternate-port') },
      { uid: 'b', text: source('starttls-on-standard-port') },
      { uid: 'c', text: source('none', 'pop', '2110') },
    ]);
    expect(found.map((a) => [a.security, a.port])).toEqual([
      ['tls', 995],
      ['starttls', 110],
      ['plain', 2110],
    ]);
  });

  it('skips IMAP accounts and sources that are no mail account', () => {
    const found = evolutionAccounts([
      { uid: 'a', text: source('ssl-on-alternate-port', 'imapx') },
      { uid: 'b', text: '[Data Source]\nDisplayName=Birthdays\n[Calendar]\nBackendName=contacts\n' },
    ]);
    expect(found).toEqual([]);
  });
});

describe("KMail's Akonadi POP3 resources", () => {
  it('reads useSSL as TLS, useTLS as STARTTLS, neither as clear text, port 110 by default', () => {
    const rc = (ssl: string, tls: string, port = '') =>
      `[General]\nhost=pop.example\nlogin=ü\nuseSSL=${ssl}\nuseTLS=${tls}\n${port ? `port=${port}\n` : ''}`;
    expect(kmailAccount(rc('true', 'false', '995'))).toMatchObject({ security: 'tls', port: 995 });
    expect(kmailAccount(rc('false', 'true'))).toMatchObject({ security: 'starttls', port: 110 });
    expect(kmailAccount(rc('false', 'false'))).toMatchObject({ security: 'plain', username: 'ü' });
    expect(kmailAccount('[General]\nlogin=x\n')).toBeUndefined();
  });
});

describe("Claws Mail's accountrc", () => {
  it('takes the chosen port only with set_popport=1, and skips IMAP, news and local accounts', () => {
    const text = [
      '[Account: 1]\nprotocol=0\nreceive_server=a.example\nuser_id=a\nssl_pop=1\nset_popport=0\npop_port=7',
      '[Account: 2]\nprotocol=3\nreceive_server=imap.example\nuser_id=b',
      '[Account: 3]\nprotocol=4\nreceive_server=news.example\nuser_id=c',
      '[Account: 4]\nprotocol=5\nreceive_server=\nuser_id=d',
    ].join('\n');
    expect(clawsAccounts(text)).toEqual([
      { program: 'claws-mail', profile: '', host: 'a.example', port: 995, security: 'tls', username: 'a' },
    ]);
  });
});

describe('the reply list', () => {
  const account = (host: string, username = 'u', port = 995): FoundAccount => ({
    program: 'thunderbird',
    profile: 'p',
    host,
    port,
    security: 'tls',
    username,
  });

  it('keeps each server, port and user once (server names without case), the first program winning', () => {
    const { accounts } = tidyAccounts([
      account('Pop.Example'),
      { ...account('pop.example'), program: 'kmail' },
      account('pop.example', 'U'),
      account('pop.example', 'u', 110),
    ]);
    expect(accounts.map((a) => [a.program, a.host, a.username, a.port])).toEqual([
      ['thunderbird', 'Pop.Example', 'u', 995],
      ['thunderbird', 'pop.example', 'U', 995],
      ['thunderbird', 'pop.example', 'u', 110],
    ]);
  });

  it('leaves out what no account can be made of, and spells international names for DNS', () => {
    const { accounts } = tidyAccounts([
      account('bad host'),
      account('pop.example', 'two\nlines'),
      account('pop.example', 'x'.repeat(201)),
      account('pöp.example'),
      account('pop.example', ''),
      account('pop.example', 'u', 0),
    ]);
    expect(accounts.map((a) => a.host)).toEqual(['xn--pp-fka.example']);
  });

  it('returns at most MAX_FOUND_ACCOUNTS and says when it cut the list', () => {
    const many = Array.from({ length: MAX_FOUND_ACCOUNTS + 1 }, (_, i) => account(`pop${i}.example`));
    expect(tidyAccounts(many.slice(0, -1)).capped).toBe(false);
    const { accounts, capped } = tidyAccounts(many);
    expect(accounts).toHaveLength(MAX_FOUND_ACCOUNTS);
    expect(capped).toBe(true);
  });
});
