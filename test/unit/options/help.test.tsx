// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELP_TARGETS, HELP_TOPICS } from '../../../src/options/help-topics';
import { OptionsPage } from '../../../src/options/OptionsPage';
import type { Account } from '../../../src/shared/account';
import { resetUiLanguage } from '../../../src/ui/i18n';
import { applyPageLanguage } from '../../../src/ui/page-language';
import fakeBrowser, { answerWith, resetFakeBrowser, useLanguage } from '../../helpers/ui-fake-browser';
import { account, stored } from '../../helpers/ui-fixtures';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

beforeEach(() => {
  resetFakeBrowser();
  resetUiLanguage();
  history.replaceState(null, '', location.pathname);
  answerWith((message) =>
    message.type === 'host-status'
      ? { ok: true, result: { installed: true, hostVersion: '0.1.0' } }
      : { ok: true, result: null },
  );
});
afterEach(cleanup);

async function showOptions(accounts: Account[]): Promise<void> {
  await fakeBrowser.storage.local.set(stored(accounts));
  render(<OptionsPage />);
  await screen.findByText('compatible');
}

/** Follows an in-page link as the browser does: the hash changes, then hashchange fires. */
function follow(name: string | RegExp): void {
  const link = screen.getByRole('link', { name });
  location.hash = link.getAttribute('href') ?? '';
  dispatchEvent(new HashChangeEvent('hashchange'));
}

describe('the help page', () => {
  it('opens from the settings and answers each question, every answer linking to a setting', async () => {
    await showOptions([account()]);
    follow('About POP3 and Popbiff');
    expect(await screen.findByRole('heading', { level: 1, name: 'About POP3 and Popbiff' })).toBeTruthy();
    const questions = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(questions).toEqual([
      'Can I read my mail on several devices?',
      'How do I set up a POP3 account in my mail program and in Popbiff?',
      'How is POP3 different from IMAP, and which should I use?',
      'Is POP3 safe?',
    ]);
    expect(screen.getByText(/Popbiff never removes mail from the server on its own/)).toBeTruthy();
    const targets = screen.getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(targets).toEqual([
      '#settings',
      ...HELP_TOPICS.flatMap((topic) => topic.links.map((target) => `#${target}`)),
    ]);
    expect(new Set(targets.slice(1))).toEqual(new Set(HELP_TARGETS.map((target) => `#${target}`)));
  });

  it('a link to an account setting opens the first account and focuses that setting', async () => {
    await showOptions([account()]);
    follow('About POP3 and Popbiff');
    await screen.findByRole('heading', { name: 'Is POP3 safe?' });
    follow('Setting: Security (TLS)');
    await waitFor(() => expect(document.activeElement?.id).toBe('account-security'));
    expect(screen.getByRole('heading', { name: 'Edit Home mail' })).toBeTruthy();
    // The hash is dropped once followed, so the same link works again later.
    expect(location.hash).toBe('');
  });

  it('with no account yet, an account setting link opens the add-account form at the address', async () => {
    await showOptions([]);
    follow('About POP3 and Popbiff');
    await screen.findByRole('heading', { name: 'Can I read my mail on several devices?' });
    follow('Setting: Mail stays on the server');
    await waitFor(() => expect(document.activeElement?.id).toBe('add-address'));
  });

  it('the way back shows the settings again', async () => {
    await showOptions([account()]);
    follow('About POP3 and Popbiff');
    await screen.findByRole('heading', { name: 'Is POP3 safe?' });
    follow('Back to the settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Popbiff settings' })).toBeTruthy();
  });

  it('speaks Russian, with the Russian setting names in its links', async () => {
    useLanguage('ru');
    resetUiLanguage();
    await fakeBrowser.storage.local.set(stored([account()]));
    render(<OptionsPage />);
    await screen.findByText('совместим');
    follow('О POP3 и Popbiff');
    expect(await screen.findByRole('heading', { name: 'Безопасен ли POP3?' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Настройка: Безопасность (TLS)' })).toBeTruthy();
  });
});

describe('the page direction', () => {
  it('is right-to-left in Hebrew and left-to-right in English, with the language named', () => {
    useLanguage('he');
    resetUiLanguage();
    applyPageLanguage('options_title');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('he');
    expect(document.title).toBe('הגדרות Popbiff');
    useLanguage('en');
    resetUiLanguage();
    applyPageLanguage('options_title');
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('follows the language shown when the browser says another (headless Chromium says en-US)', () => {
    useLanguage('he', 'en-US');
    resetUiLanguage();
    applyPageLanguage('popup_title');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('he');
  });

  it('stays left-to-right for English shown by a browser whose own language is right-to-left', () => {
    // An Arabic browser's @@bidi_dir says rtl; Popbiff has no Arabic, and its English must stay ltr.
    useLanguage('en', 'ar');
    resetUiLanguage();
    applyPageLanguage('popup_title');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
