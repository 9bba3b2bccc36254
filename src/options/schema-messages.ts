import { t } from '../ui/i18n';

/**
 * The shared schemas (src/shared/account.ts) and form-model.ts speak English: they are pure and
 * run in the host too. Here each known message gets its _locales key; the English locale holds
 * the very same text (a unit test checks), and an unknown message is shown as it is.
 */
export const MESSAGE_KEYS: Record<string, string> = {
  'Enter the server name.': 'validation_hostEmpty',
  'The server name is too long.': 'validation_hostLong',
  'The server name may contain only letters, digits, dots, dashes and colons.': 'validation_hostChars',
  'The port must be a whole number.': 'validation_portWhole',
  'The port must be between 1 and 65535.': 'validation_portRange',
  'Enter the user name.': 'validation_usernameEmpty',
  'The user name is too long.': 'validation_usernameLong',
  'The user name may not contain line breaks.': 'validation_usernameBreaks',
  'Clear text sends your password unprotected: tick "Allow clear text" to confirm.': 'validation_plaintextConsent',
  'The webmail address must start with https:// or http://.': 'validation_webmail',
  'Enter a time as HH:MM, e.g. 22:00.': 'validation_time',
  'Enter a name for the account.': 'validation_nameEmpty',
  'The interval must be whole minutes.': 'validation_intervalWhole',
  'Check at most once a minute.': 'validation_intervalMin',
  'Check at least once a day.': 'validation_intervalMax',
  'Enter the password.': 'validation_passwordEmpty',
  'The password is too long.': 'validation_passwordLong',
  'Enter the password again: the stored one was given for another server or user name.':
    'validation_passwordOtherServer',
  'Give the full path of the certificate file, for example /etc/ssl/my-ca.pem.': 'validation_caPath',
  'Give both times, or neither.': 'validation_quietBoth',
  'Choose a field or enter a header name.': 'validation_ruleField',
  'The header name is too long.': 'validation_ruleHeaderLong',
  'A header name has no spaces or colons.': 'validation_ruleHeaderChars',
  'Add at least one condition.': 'validation_ruleNoCondition',
  'Enter the text to look for.': 'validation_ruleValueEmpty',
  'Keep the text under 200 characters.': 'validation_ruleValueLong',
};

export function localize(message: string): string {
  const key = MESSAGE_KEYS[message];
  return key === undefined ? message : t(key);
}
