import type { AccountState, ExtensionState } from '../storage/account-state';
import { EMPTY_ACCOUNT_STATE } from '../storage/empty-state';
import type { BadgeColors, Settings } from '../storage/settings';
import { accountState } from './mail-state';
import type { ActionApi } from './platform';
import type { Texts } from './texts';

/**
 * What the toolbar button shows, one tooltip line per enabled account: a pure function of
 * settings and state, applied by `showBadge`.
 */
export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

/** Each scheme's new-mail and error colours, behind the badge's white text. */
export const BADGE_COLORS: Record<BadgeColors, { mail: string; error: string }> = {
  standard: { mail: '#1a73e8', error: '#d93025' },
  'high-contrast': { mail: '#0842a0', error: '#a50e0e' },
  muted: { mail: '#5f6368', error: '#8e5b57' },
};

/** Four characters is about all a badge fits. */
const MAX_SHOWN_COUNT = 99;

export function badgeView(settings: Settings, state: ExtensionState, texts: Texts): BadgeView {
  const accounts = settings.accounts.filter((account) => account.enabled);
  const states = accounts.map((account) => accountState(state, account.id));
  const unseen = states.reduce((sum, s) => sum + s.unseenCount, 0);
  const anyError = states.some((s) => s.error !== undefined);
  const lines = accounts.map((account, i) => `${account.name}: ${describe(states[i] ?? EMPTY_ACCOUNT_STATE, texts)}`);
  const title = lines.length === 0 ? texts.say('badge_noAccounts') : ['Popbiff', ...lines].join('\n');
  const colors = BADGE_COLORS[settings.badgeColors ?? 'standard'];
  if (unseen > 0) return { text: countText(unseen), color: colors.mail, title };
  if (anyError) return { text: '!', color: colors.error, title };
  return { text: '', color: colors.mail, title };
}

export function countText(count: number): string {
  if (count <= 0) return '';
  return count > MAX_SHOWN_COUNT ? `${MAX_SHOWN_COUNT}+` : String(count);
}

/** One account's tooltip line, in the UI's language (the popup's own words where they fit). */
function describe(state: AccountState, texts: Texts): string {
  const mail = state.unseenCount > 0 ? texts.count('popup_newCount', state.unseenCount) : undefined;
  const error = state.error ? texts.say('badge_error', [texts.say(`error_${state.error.code}_message`)]) : undefined;
  if (mail && error) return `${mail}, ${error}`;
  if (mail || error) return mail ?? error ?? '';
  return texts.say(state.lastCheckAt === undefined ? 'popup_notCheckedYet' : 'badge_noNewMail');
}

export async function showBadge(action: ActionApi, view: BadgeView): Promise<void> {
  await Promise.all([
    action.setBadgeText({ text: view.text }),
    action.setBadgeBackgroundColor({ color: view.color }),
    action.setTitle({ title: view.title }),
  ]);
}
