import { describe, expect, it } from 'vitest';
import { emptyForm, formFromAccount, validate, withSecurity, type AccountForm } from '../../../src/options/form-model';
import { account } from '../../helpers/ui-fixtures';

const NEW = { id: 'new-1', enabled: true, isNew: true };
const EXISTING = { id: 'acc-1', enabled: false, isNew: false };

function filled(overrides: Partial<AccountForm> = {}): AccountForm {
  return { ...emptyForm(), name: ' Work ', host: ' pop.example.org ', username: 'ann', password: 'pw', ...overrides };
}

describe('validate', () => {
  it('turns a filled form into a trimmed, schema-valid account and the password', () => {
    const draft = validate(filled(), NEW);
    expect(draft).toEqual({
      ok: true,
      password: 'pw',
      account: {
        id: 'new-1',
        name: 'Work',
        server: { host: 'pop.example.org', port: 995, security: 'tls', allowPlaintext: false, username: 'ann' },
        webmailUrl: '',
        intervalMinutes: 5,
        enabled: true,
      },
    });
  });

  it('needs a password for a new account but not when editing', () => {
    expect(validate(filled({ password: '' }), NEW)).toEqual({ ok: false, errors: { password: 'Enter the password.' } });
    const draft = validate(filled({ password: '' }), EXISTING);
    expect(draft.ok && draft.password).toBeUndefined();
  });

  it('maps schema issues onto the fields the user sees', () => {
    const draft = validate(
      filled({ name: '', host: 'bad host!', port: '0', intervalMinutes: '2000', webmailUrl: 'ftp://x' }),
      NEW,
    );
    expect(draft.ok).toBe(false);
    if (draft.ok) return;
    expect(Object.keys(draft.errors).sort()).toEqual(['host', 'intervalMinutes', 'name', 'port', 'webmailUrl']);
  });

  it('says "whole number" for a port that is not one, rather than a type error', () => {
    const draft = validate(filled({ port: '99.5' }), NEW);
    expect(draft).toEqual({ ok: false, errors: { port: 'The port must be a whole number.' } });
  });

  it('refuses clear text without the opt-in and accepts it with', () => {
    const refused = validate(filled({ security: 'plain', port: '110' }), NEW);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.allowPlaintext).toMatch(/Allow clear text/);
    expect(validate(filled({ security: 'plain', port: '110', allowPlaintext: true }), NEW).ok).toBe(true);
  });

  it('never keeps a clear-text opt-in for an encrypted connection', () => {
    const draft = validate(filled({ security: 'tls', allowPlaintext: true }), NEW);
    expect(draft.ok && draft.account.server.allowPlaintext).toBe(false);
  });

  it('accepts absolute CA paths of any OS and rejects relative ones', () => {
    for (const caFile of ['/etc/ssl/ca.pem', 'C:\\certs\\ca.pem', '\\\\server\\share\\ca.pem']) {
      const draft = validate(filled({ caFile }), NEW);
      expect(draft.ok && draft.account.server.caFile).toBe(caFile);
    }
    expect(validate(filled({ caFile: 'ca.pem' }), NEW).ok).toBe(false);
  });

  it('leaves caFile out when empty', () => {
    const draft = validate(filled({ caFile: '  ' }), NEW);
    expect(draft.ok && 'caFile' in draft.account.server).toBe(false);
  });
});

describe('withSecurity', () => {
  it('moves the port to the default of the new security unless the user chose one', () => {
    expect(withSecurity(emptyForm(), 'starttls', false).port).toBe('110');
    expect(withSecurity({ ...emptyForm(), port: '2995' }, 'starttls', true).port).toBe('2995');
  });

  it('withdraws the clear-text opt-in when leaving clear text', () => {
    const plain = { ...emptyForm(), security: 'plain' as const, allowPlaintext: true };
    expect(withSecurity(plain, 'tls', false).allowPlaintext).toBe(false);
  });
});

describe('formFromAccount', () => {
  it('round-trips an account through the form (password left empty: keep it)', () => {
    const original = account({ server: { ...account().server, caFile: '/etc/ca.pem' } });
    const form = formFromAccount(original);
    expect(form.password).toBe('');
    const draft = validate(form, { id: original.id, enabled: original.enabled, isNew: false });
    expect(draft).toEqual({ ok: true, account: original, password: undefined });
  });

  it('round-trips a chosen colour, and leaves it out when automatic', () => {
    const original = account({ color: 'purple' });
    const form = formFromAccount(original);
    expect(form.color).toBe('purple');
    expect(validate(form, { id: original.id, enabled: original.enabled, isNew: false })).toEqual({
      ok: true,
      account: original,
      password: undefined,
    });
    expect(formFromAccount(account()).color).toBe('auto');
    const draft = validate({ ...form, color: 'auto' }, { id: original.id, enabled: original.enabled, isNew: false });
    expect(draft.ok && draft.account).not.toHaveProperty('color');
  });
});
