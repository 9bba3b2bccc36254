import { Account, DEFAULT_INTERVAL_MINUTES, type AccountColor } from '../shared/account';
import { DEFAULT_PORTS, type AuthMethod, type FirstCheck, type Security, type ServerSettings } from '../shared/server';
import type { Rule } from '../shared/rules';
import { usernameFor, type Provider } from '../shared/providers';

/**
 * The account form as the user types it (all text, so half-typed numbers survive), and the
 * one way from it to a schema-valid Account: `validate`. Pure, so every rule is tested without
 * a DOM.
 */
export interface AccountForm {
  name: string;
  host: string;
  port: string;
  security: Security;
  allowPlaintext: boolean;
  username: string;
  password: string;
  webmailUrl: string;
  intervalMinutes: string;
  caFile: string;
  auth: AuthMethod;
  notify: boolean;
  /** Both empty: no quiet hours. */
  quietFrom: string;
  quietTo: string;
  /** "Open mail" opens the webmail or a desktop program. */
  opener: 'webmail' | 'desktop';
  /** The desktop program and its arguments, separated by spaces (run without a shell); empty: the system's default. */
  clientCommand: string;
  /** The program run when a check finds new mail, with its arguments (no shell); empty: none. */
  newMailCommand: string;
  firstCheck: FirstCheck;
  /** The dot's colour; `auto` is the one derived from the account id. */
  color: AccountColor | 'auto';
  rules: Rule[];
  /** A certificate the user chose to trust, and the server it belongs to. */
  pin: { sha256: string; host: string } | undefined;
}

export type FieldName = keyof AccountForm;
/** `form` holds a problem that belongs to no single field. */
export type FieldErrors = Partial<Record<FieldName | 'form', string>>;

export function emptyForm(): AccountForm {
  return {
    name: '',
    host: '',
    port: String(DEFAULT_PORTS.tls),
    security: 'tls',
    allowPlaintext: false,
    username: '',
    password: '',
    webmailUrl: '',
    intervalMinutes: String(DEFAULT_INTERVAL_MINUTES),
    caFile: '',
    auth: 'auto',
    notify: true,
    quietFrom: '',
    quietTo: '',
    opener: 'webmail',
    clientCommand: '',
    newMailCommand: '',
    firstCheck: 'auto',
    color: 'auto',
    rules: [],
    pin: undefined,
  };
}

/** What a well-known provider's settings make of the address and password the user typed. */
export function formFromProvider(address: string, password: string, provider: Provider): AccountForm {
  const form = {
    ...emptyForm(),
    name: address.trim(),
    username: address.trim(),
    password,
    webmailUrl: provider.webmailUrl,
  };
  if (provider.pop === null) return form;
  const { host, port, security } = provider.pop;
  // A provider that refuses more frequent sign-ins starts at its minimum, not below it.
  const interval = Math.max(DEFAULT_INTERVAL_MINUTES, provider.minIntervalMinutes ?? 0);
  return {
    ...form,
    host,
    port: String(port),
    security,
    username: usernameFor(provider, address),
    intervalMinutes: String(interval),
  };
}

/** What autoconfiguration found for the address (the host already filled in the user name). */
export function formFromAutoconfig(
  address: string,
  password: string,
  server: { host: string; port: number; security: Security; username: string },
): AccountForm {
  const form = formFromAddress(address, password);
  return {
    ...form,
    host: server.host,
    port: String(server.port),
    security: server.security,
    username: server.username || form.username,
  };
}

/** An address at a domain the table does not know: the name and user name are a good guess. */
export function formFromAddress(address: string, password: string): AccountForm {
  return { ...emptyForm(), name: address.trim(), username: address.trim(), password };
}

/** An existing account in the form; the password stays empty, meaning "keep the stored one". */
export function formFromAccount(account: Account): AccountForm {
  const { server } = account;
  return {
    name: account.name,
    host: server.host,
    port: String(server.port),
    security: server.security,
    allowPlaintext: server.allowPlaintext,
    username: server.username,
    password: '',
    webmailUrl: account.webmailUrl,
    intervalMinutes: String(account.intervalMinutes),
    caFile: server.caFile ?? '',
    auth: server.auth ?? 'auto',
    notify: account.notify ?? true,
    quietFrom: account.quietHours?.from ?? '',
    quietTo: account.quietHours?.to ?? '',
    opener: account.desktopClient ? 'desktop' : 'webmail',
    clientCommand: account.desktopClient?.command?.join(' ') ?? '',
    newMailCommand: account.onNewMail?.join(' ') ?? '',
    firstCheck: account.firstCheck ?? 'auto',
    color: account.color ?? 'auto',
    rules: account.rules ?? [],
    pin: server.pinnedCertSha256 === undefined ? undefined : { sha256: server.pinnedCertSha256, host: server.host },
  };
}

/** "program --flag arg" as argv; no quoting and no shell, so what is shown is what runs. */
function commandArgs(text: string): string[] {
  return text.split(/\s+/).filter((part) => part !== '');
}

/**
 * A new security setting. The port follows it unless the user chose a port; leaving clear text
 * withdraws the consent to it, so it is never carried over silently.
 */
export function withSecurity(form: AccountForm, security: Security, portChosen: boolean): AccountForm {
  return {
    ...form,
    security,
    port: portChosen ? form.port : String(DEFAULT_PORTS[security]),
    allowPlaintext: security === 'plain' ? form.allowPlaintext : false,
  };
}

/** Where the schema reports each field (zod issue paths, joined by dots). */
const FIELD_OF_PATH: Record<string, FieldName> = {
  name: 'name',
  'server.host': 'host',
  'server.port': 'port',
  'server.security': 'security',
  'server.allowPlaintext': 'allowPlaintext',
  'server.username': 'username',
  'server.caFile': 'caFile',
  webmailUrl: 'webmailUrl',
  intervalMinutes: 'intervalMinutes',
  'quietHours.from': 'quietFrom',
  'quietHours.to': 'quietTo',
};

/** The schema's text for "not a number" is generic; these say what to type. */
const NOT_A_NUMBER: Partial<Record<FieldName, string>> = {
  port: 'The port must be a whole number.',
  intervalMinutes: 'The interval must be whole minutes.',
};

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Absolute on POSIX (/...) or Windows (C:\... or \\server\...): the host may run anywhere. */
function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);
}

export interface Target {
  id: string;
  enabled: boolean;
  /** A new account has no stored password yet, so it needs one. */
  isNew: boolean;
  /** The saved account's server: its stored password goes to that server only (the host refuses others). */
  storedServer?: Pick<ServerSettings, 'host' | 'port' | 'username'> | undefined;
  /** Signed in with OAuth in this form: the host holds its refresh token, so no password is needed. */
  signedIn?: boolean | undefined;
}

const PASSWORD_OTHER_SERVER = 'Enter the password again: the stored one was given for another server or user name.';

/** Another host, port or user name than the stored password was given for (see src/host/secrets/binding.ts). */
function movedServer(form: AccountForm, stored: Target['storedServer']): boolean {
  if (stored === undefined) return false;
  const host = form.host.trim().toLowerCase();
  return (
    host !== stored.host.toLowerCase() || wholeNumber(form.port) !== stored.port || form.username !== stored.username
  );
}

export type Draft = { ok: true; account: Account; password: string | undefined } | { ok: false; errors: FieldErrors };

function extraChecks(form: AccountForm, target: Target): FieldErrors {
  const errors: FieldErrors = {};
  const oauth = form.auth === 'xoauth2' || form.auth === 'oauthbearer';
  if (target.isNew && form.password === '' && !(oauth && target.signedIn)) errors.password = 'Enter the password.';
  if (!oauth && form.password === '' && movedServer(form, target.storedServer)) errors.password = PASSWORD_OTHER_SERVER;
  if (form.password.length > 4096) errors.password = 'The password is too long.';
  const caFile = form.caFile.trim();
  if (caFile !== '' && !isAbsolutePath(caFile)) {
    errors.caFile = 'Give the full path of the certificate file, for example /etc/ssl/my-ca.pem.';
  }
  if ((form.quietFrom === '') !== (form.quietTo === '')) errors.quietTo = 'Give both times, or neither.';
  return errors;
}

export function validate(form: AccountForm, target: Target): Draft {
  const caFile = form.caFile.trim();
  // A pinned certificate belongs to one server: another server name drops it.
  const pinnedCertSha256 = form.pin !== undefined && form.pin.host === form.host.trim() ? form.pin.sha256 : undefined;
  const command = commandArgs(form.clientCommand);
  const onNewMail = commandArgs(form.newMailCommand);
  const candidate = {
    id: target.id,
    name: form.name,
    server: {
      host: form.host,
      port: wholeNumber(form.port),
      security: form.security,
      allowPlaintext: form.security === 'plain' && form.allowPlaintext,
      username: form.username,
      ...(caFile === '' ? {} : { caFile }),
      ...(form.auth === 'auto' ? {} : { auth: form.auth }),
      ...(pinnedCertSha256 === undefined ? {} : { pinnedCertSha256 }),
    },
    webmailUrl: form.webmailUrl.trim(),
    intervalMinutes: wholeNumber(form.intervalMinutes),
    enabled: target.enabled,
    // Absent means on: only the choice to turn them off is stored.
    ...(form.notify ? {} : { notify: false }),
    ...(form.quietFrom === '' && form.quietTo === '' ? {} : { quietHours: { from: form.quietFrom, to: form.quietTo } }),
    ...(form.rules.length === 0 ? {} : { rules: form.rules }),
    ...(form.opener === 'desktop' ? { desktopClient: command.length === 0 ? {} : { command } } : {}),
    ...(onNewMail.length === 0 ? {} : { onNewMail }),
    ...(form.firstCheck === 'auto' ? {} : { firstCheck: form.firstCheck }),
    ...(form.color === 'auto' ? {} : { color: form.color }),
  };
  const errors = extraChecks(form, target);
  const parsed = Account.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field =
        FIELD_OF_PATH[path] ??
        (path.startsWith('desktopClient')
          ? 'clientCommand'
          : path.startsWith('onNewMail')
            ? 'newMailCommand'
            : path.startsWith('rules')
              ? 'rules'
              : undefined);
      const key = field ?? 'form';
      const message = (field && issue.code === 'invalid_type' && NOT_A_NUMBER[field]) || issue.message;
      // The first problem of each field is the one to fix first.
      errors[key] ??= message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, account: parsed.data, password: form.password === '' ? undefined : form.password };
}

/** What a save does to one of the account's commands on the host (set-command). */
export type CommandChange = { kind: 'none' } | { kind: 'set'; argv: string[] } | { kind: 'remove' };

/** The commands this form sets, in the order the user confirms them. */
export type FormCommand = 'mailClient' | 'onNewMail';
export type CommandChanges = Record<FormCommand, CommandChange>;

/**
 * The saved account's command against the one the host keeps (the stored copy): a new or changed
 * command needs the user's confirmation of its exact argv before the host is told.
 */
function commandChange(before: readonly string[] | undefined, after: string[] | undefined): CommandChange {
  if (after === undefined) return before === undefined ? { kind: 'none' } : { kind: 'remove' };
  const same = before !== undefined && before.length === after.length && before.every((arg, i) => arg === after[i]);
  return same ? { kind: 'none' } : { kind: 'set', argv: after };
}

export function clientCommandChange(stored: Account | undefined, saved: Account): CommandChange {
  return commandChange(stored?.desktopClient?.command, saved.desktopClient?.command);
}

/** Both commands' changes: the mail client's, then the on-new-mail command's. */
export function commandChanges(stored: Account | undefined, saved: Account): CommandChanges {
  return {
    mailClient: clientCommandChange(stored, saved),
    onNewMail: commandChange(stored?.onNewMail, saved.onNewMail),
  };
}
