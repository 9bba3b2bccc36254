// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { options } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { UiMessage } from '../../../src/ui-messages';
import { AccountCard } from '../../../src/popup/AccountCard';
import { Popup } from '../../../src/popup/Popup';
import fakeBrowser, { answerWith, sent } from '../../helpers/ui-fake-browser';
import { account, accountState, message, stored } from '../../helpers/ui-fixtures';
import { freshPageEachTest } from '../../helpers/ui-test-clock';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const NOW = Date.parse('2025-03-01T12:30:00.000Z');
const certificate = {
  sha256: Array.from({ length: 32 }, () => '0F').join(':'),
  subject: 'CN=pop.example.com',
  issuer: 'CN=pop.example.com',
  validFrom: 'Mar  1 00:00:00 2025 GMT',
  validTo: 'Mar  1 00:00:00 2035 GMT',
};

function background(previewText: string, found = true) {
  return (msg: UiMessage) => {
    if (msg.type === 'preview')
      return { ok: true as const, result: { uid: msg.uid, found, text: previewText, truncated: true } };
    return { ok: true as const, result: {} };
  };
}

freshPageEachTest(NOW);

async function showPopup(data: ReturnType<typeof stored>): Promise<void> {
  await fakeBrowser.storage.local.set(data);
  render(<Popup />);
  await screen.findByRole('button', { name: 'Check now' });
}

const withMail = () =>
  stored([account()], { 'acc-1': accountState({ count: 3, unseenCount: 1, unseen: [message({ uid: 'u-7' })] }) });

describe('popup quick preview and actions', () => {
  it('expanding asks for the first lines and shows them as text, never as markup', async () => {
    answerWith(background('Hi Ann,\n<b>bold?</b> <img src="https://tracker.example/x.png">\u202Egnp.exe'));
    await showPopup(withMail());
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(screen.getByText('Loading the first lines…')).toBeTruthy();
    const body = await waitFor(() => {
      const pre = document.querySelector('pre.body-text');
      if (!pre) throw new Error('no body yet');
      return pre;
    });
    expect(sent).toContainEqual({ type: 'preview', accountId: 'acc-1', uid: 'u-7' });
    expect(body.textContent).toBe('Hi Ann,\n<b>bold?</b> <img src="https://tracker.example/x.png">gnp.exe');
    expect(body.querySelector('b, img')).toBeNull();
    expect(screen.getByText('The message goes on; open it to read the rest.')).toBeTruthy();
  });

  it('says so when the message has left the server', async () => {
    answerWith(background('', false));
    await showPopup(withMail());
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(await screen.findByText('This message is no longer on the server.')).toBeTruthy();
  });

  it('says in one line when the first lines cannot be fetched, leaving the fix to the account card', async () => {
    answerWith((msg: UiMessage) =>
      msg.type === 'preview'
        ? { ok: false as const, error: { code: 'HOST_NOT_FOUND' as const, message: 'not found' } }
        : { ok: true as const, result: {} },
    );
    await showPopup(withMail());
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    expect(
      await screen.findByText('The first lines are unavailable: The Popbiff host is not installed or cannot start.'),
    ).toBeTruthy();
    expect(document.querySelector('.preview .error-note')).toBeNull();
  });

  it('"Dismiss" sends dismiss-message for that message', async () => {
    answerWith(background('text'));
    await showPopup(withMail());
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    fireEvent.click(within(document.querySelector('.preview') as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'dismiss-message', accountId: 'acc-1', uid: 'u-7' }));
  });

  it('"Delete on server" asks first; only "Delete" schedules it', async () => {
    answerWith(background('text'));
    await showPopup(withMail());
    fireEvent.click(screen.getByRole('button', { expanded: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete on server' }));
    fireEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(sent.some((m) => m.type === 'schedule-delete')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Delete on server' }));
    expect(screen.getByText('Delete this message on the server?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'schedule-delete', accountId: 'acc-1', uids: ['u-7'] }));
  });

  it('shows the countdown of a waiting deletion with Undo, from the stored state', async () => {
    const data = withMail();
    const state = data.state.accounts['acc-1'];
    if (!state) throw new Error('fixture');
    state.pendingDeletion = { uids: ['u-7'], dueAt: NOW + 8_200 };
    await showPopup(data);
    const line = await screen.findByText('Deleting 1 message from the server in 9 s');
    fireEvent.click(within(line.parentElement as HTMLElement).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'undo-delete', accountId: 'acc-1' }));
  });

  it('counts a deletion down by re-rendering its own line, not the cards around it', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const data = withMail();
    const state = data.state.accounts['acc-1'];
    if (!state) throw new Error('fixture');
    state.pendingDeletion = { uids: ['u-7'], dueAt: NOW + 8_200 };
    await showPopup(data);
    await screen.findByText('Deleting 1 message from the server in 9 s');
    const rendered: unknown[] = [];
    const previous = options.diffed;
    options.diffed = (vnode) => {
      rendered.push(vnode.type);
      previous?.(vnode);
    };
    try {
      await act(() => {
        vi.advanceTimersByTime(1_000);
      });
    } finally {
      options.diffed = previous;
    }
    expect(screen.getByText('Deleting 1 message from the server in 8 s')).toBeTruthy();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered).not.toContain(AccountCard);
    expect(rendered).not.toContain(Popup);
  });

  it('shows what the last deletion did', async () => {
    const data = stored([account()], {
      'acc-1': accountState({ lastDeletion: { deleted: ['a'], missing: ['b', 'c'], ambiguous: [], at: NOW - 1000 } }),
    });
    await showPopup(data);
    expect(await screen.findByText('Deleted from the server: 1 · Already gone: 2')).toBeTruthy();
  });

  it('says a deletion the server did not confirm is not yet confirmed, however long ago it was', async () => {
    const lastDeletion = { deleted: [], missing: [], ambiguous: [], unconfirmed: ['a'], at: NOW - 3600_000 };
    await showPopup(stored([account()], { 'acc-1': accountState({ lastDeletion }) }));
    expect(
      await screen.findByText('Deleted, not yet confirmed by the server: 1 (the next check will tell)'),
    ).toBeTruthy();
  });

  it('says plainly when a check found an unconfirmed deletion still on the server', async () => {
    const lastDeletion = { deleted: [], missing: [], ambiguous: [], notDeleted: ['a'], at: NOW - 1000 };
    await showPopup(stored([account()], { 'acc-1': accountState({ lastDeletion }) }));
    expect(await screen.findByText('Not deleted after all, still on the server: 1')).toBeTruthy();
  });

  it('"Review certificate" shows the certificate; trusting pins it through save-account', async () => {
    const data = stored([account()], {
      'acc-1': accountState({ error: { code: 'CERT_UNTRUSTED', message: 'self-signed certificate', certificate } }),
    });
    await showPopup(data);
    fireEvent.click(await screen.findByRole('button', { name: 'Review certificate' }));
    expect(screen.getByText(certificate.sha256)).toBeTruthy();
    expect(screen.getAllByText('CN=pop.example.com')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Trust this certificate' }));
    await waitFor(() => expect(sent.some((m) => m.type === 'save-account')).toBe(true));
    const save = sent.find((m) => m.type === 'save-account');
    if (save?.type !== 'save-account') throw new Error('no save');
    expect(save.account.server.pinnedCertSha256).toBe(certificate.sha256);
    expect(save.password).toBeUndefined();
  });
});
