import type { MailProgram } from './protocol';

/** The mail programs' names as people write them: names, the same in every language. */
export const MAIL_PROGRAM_NAMES: Record<MailProgram, string> = {
  thunderbird: 'Thunderbird',
  evolution: 'Evolution',
  kmail: 'KMail',
  'claws-mail': 'Claws Mail',
  outlook: 'Outlook',
};
