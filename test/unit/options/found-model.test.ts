import { describe, expect, it } from 'vitest';
import { choicesOf, formFromFound, providerOfFound } from '../../../src/options/found-model';
import type { FoundAccount } from '../../../src/shared/protocol';
import { account } from '../../helpers/ui-fixtures';

const found = (overrides: Partial<FoundAccount> = {}): FoundAccount => ({
  program: 'thunderbird',
  profile: 'default',
  host: 'pop.example.com',
  port: 995,
  security: 'tls',
  username: 'ann',
  ...overrides,
});

describe('accounts found in mail programs', () => {
  it('are known when server (any case), port and user name match an account', () => {
    const choices = choicesOf(
      [found({ host: 'POP.Example.com' }), found({ port: 110 }), found({ username: 'Ann' })],
      [account()],
    );
    expect(choices.map((choice) => choice.known)).toEqual([true, false, false]);
  });

  it('become a form with their server and no password; clear text still needs the user to tick it', () => {
    const form = formFromFound(found({ security: 'plain', port: 110, name: 'Old' }));
    expect(form).toMatchObject({
      name: 'Old',
      host: 'pop.example.com',
      port: '110',
      security: 'plain',
      allowPlaintext: false,
      username: 'ann',
      password: '',
    });
  });

  it("take the provider's notes and webmail from the address, or from a user name that is one", () => {
    expect(providerOfFound(found({ address: 'ann@gmail.com' }))?.id).toBe('gmail');
    expect(providerOfFound(found({ username: 'ann@gmx.de' }))?.id).toBe('gmx');
    expect(providerOfFound(found())).toBeUndefined();
    expect(formFromFound(found({ address: 'ann@gmail.com' }))).toMatchObject({
      name: 'ann@gmail.com',
      webmailUrl: 'https://mail.google.com/',
    });
  });
});
