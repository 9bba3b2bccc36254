import { describe, expect, it } from 'vitest';
import {
  OUTLOOK_PROFILE_ROOTS,
  OUTLOOK_VALUES,
  outlookAccounts,
  outlookProfiles,
} from '../../../../src/host/account-finder/outlook';
import { parseRegQuery, regNumber, regText } from '../../../../src/host/account-finder/reg-query';
import { PASSWORD_MARKER, utf16Hex } from '../../../helpers/mail-program-fixtures';

const root = OUTLOOK_PROFILE_ROOTS[1];
const manager = '9375CFF0413111d3B88A00104B2A6676';

describe("reg.exe's output", () => {
  it('parses keys and values, names with spaces, empty data, CRLF line ends', () => {
    const keys = parseRegQuery(
      [
        '',
        'HKEY_CURRENT_USER\\Software\\X',
        '    (Default)    REG_SZ    ',
        '    Display Name    REG_SZ    Ana  Gómez',
        '    Count    REG_DWORD    0x1f',
        `    Blob    REG_BINARY    ${utf16Hex('Ωmega')}`,
        '    Empty    REG_BINARY',
        '',
        'HKEY_CURRENT_USER\\Software\\X\\Sub',
        '',
      ].join('\r\n'),
    );
    expect(keys.map((key) => key.path)).toEqual([
      'HKEY_CURRENT_USER\\Software\\X',
      'HKEY_CURRENT_USER\\Software\\X\\Sub',
    ]);
    const values = keys[0]?.values;
    expect(regText(values?.get('Display Name'))).toBe('Ana  Gómez');
    expect(regText(values?.get('(Default)'))).toBe('');
    expect(regNumber(values?.get('Count'))).toBe(31);
    expect(regText(values?.get('Blob'))).toBe('Ωmega');
    expect(regText(values?.get('Empty'))).toBe('');
    expect(regNumber(values?.get('Display Name'))).toBeUndefined();
  });
});

describe("Outlook's profiles", () => {
  const output = [
    `${root}\\Work\\${manager}\\00000001`,
    `    Account Name    REG_BINARY    ${utf16Hex('IMAP account')}`,
    `    IMAP Server    REG_BINARY    ${utf16Hex('imap.example')}`,
    '',
    `${root}\\Work\\${manager}\\00000002`,
    // Some tools write the values as REG_SZ; Outlook itself writes REG_BINARY.
    '    POP3 Server    REG_SZ    pop.work.example',
    '    POP3 User Name    REG_SZ    worker',
    '    POP3 Use SSL    REG_DWORD    0x0',
    `    Email    REG_BINARY    ${utf16Hex('worker@work.example')}`,
    '',
    `${root}\\Privado\\${manager}\\00000003`,
    `    POP3 Server    REG_BINARY    ${utf16Hex('pop.privado.example')}`,
    `    POP3 User    REG_BINARY    ${utf16Hex('josé')}`,
    '    POP3 Port    REG_DWORD    0x7b',
    '    POP3 Use SSL    REG_DWORD    0x1',
    '',
    // Not an account key: deeper, or outside the account manager.
    `${root}\\Privado\\${manager}\\00000003\\deeper`,
    `    POP3 Server    REG_SZ    deeper.example`,
    `${root}\\Privado\\0a0d020000000000c000000000000046`,
    `    POP3 Server    REG_SZ    elsewhere.example`,
  ].join('\r\n');

  it('lists the profiles that have accounts and reads each POP3 account, skipping IMAP', () => {
    const keys = parseRegQuery(output);
    expect(outlookProfiles(keys, root)).toEqual(['Work', 'Privado']);
    expect(outlookAccounts(keys, root, ['Work', 'Privado'])).toEqual([
      {
        program: 'outlook',
        profile: 'Work',
        address: 'worker@work.example',
        host: 'pop.work.example',
        port: 110,
        security: 'plain',
        username: 'worker',
      },
      {
        program: 'outlook',
        profile: 'Privado',
        host: 'pop.privado.example',
        port: 123,
        security: 'tls',
        username: 'josé',
      },
    ]);
  });

  it("keeps only the values it reads: Outlook's encrypted password never enters the parsed keys", () => {
    const text = `${root}\\P\\${manager}\\00000001\r\n    POP3 Server    REG_SZ    pop.example\r\n    POP3 Password    REG_BINARY    ${utf16Hex(PASSWORD_MARKER)}\r\n`;
    const [key] = parseRegQuery(text, OUTLOOK_VALUES);
    expect([...(key?.values.keys() ?? [])]).toEqual(['POP3 Server']);
    expect(JSON.stringify([...(key?.values.values() ?? [])])).not.toContain(utf16Hex(PASSWORD_MARKER).slice(0, 20));
  });

  it('reads only the profiles within the cap', () => {
    const keys = parseRegQuery(output);
    expect(outlookAccounts(keys, root, ['Privado']).map((a) => a.profile)).toEqual(['Privado']);
  });
});
