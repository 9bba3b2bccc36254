/**
 * "About POP3 and Popbiff": the questions POP3 users ask, as data. Every text lives in _locales
 * (`help_<topic>_question`, `help_<topic>_answer<n>`, `help_link_<target>`), so each language
 * carries its own answers and the page's script carries none. Each answer links to the Popbiff
 * setting it talks about, by the id of that control or section on the options page.
 */

/** Where a link lands: a control of the account form, the add-account form, or the host panel. */
export const HELP_TARGETS = [
  'account-firstCheck',
  'add-address',
  'account-host',
  'account-security',
  'account-auth',
  'host-title',
] as const;
export type HelpTarget = (typeof HELP_TARGETS)[number];

export interface HelpTopic {
  id: 'devices' | 'setup' | 'imap' | 'safety';
  /** How many answer paragraphs the topic has. */
  answers: number;
  links: readonly HelpTarget[];
}

export const HELP_TOPICS: readonly HelpTopic[] = [
  { id: 'devices', answers: 2, links: ['account-firstCheck'] },
  { id: 'setup', answers: 2, links: ['add-address'] },
  { id: 'imap', answers: 2, links: ['account-host'] },
  { id: 'safety', answers: 3, links: ['account-security', 'account-auth', 'host-title'] },
];

/** The page's own location: `#about` shows it, any other hash the settings. */
export const HELP_HASH = 'about';

export const questionKey = (topic: HelpTopic): string => `help_${topic.id}_question`;
export const answerKeys = (topic: HelpTopic): string[] =>
  Array.from({ length: topic.answers }, (_, index) => `help_${topic.id}_answer${index + 1}`);
export const linkKey = (target: HelpTarget): string => `help_link_${target.replace('-', '_')}`;

/** A target inside an account's form: with no account yet, the add-account form stands in. */
export const inAccountForm = (target: string): boolean => target.startsWith('account-');

export const isHelpTarget = (hash: string): hash is HelpTarget => (HELP_TARGETS as readonly string[]).includes(hash);

/** Every key the page uses, for the locale tests. */
export const helpKeys = (): string[] => [
  'help_title',
  'help_intro',
  'help_back',
  ...HELP_TOPICS.flatMap((topic) => [questionKey(topic), ...answerKeys(topic)]),
  ...HELP_TARGETS.map(linkKey),
];
