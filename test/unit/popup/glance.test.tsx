// @vitest-environment happy-dom
import { render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS, glanceOf } from '../../../src/storage/glance';
import { Popup } from '../../../src/popup/Popup';
import { ROWS_IN_ALL } from '../../../src/popup/row-limits';
import fakeBrowser from '../../helpers/ui-fake-browser';
import { account, accountState, message, stored } from '../../helpers/ui-fixtures';
import { freshPageEachTest } from '../../helpers/ui-test-clock';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

const NOW = Date.parse('2025-03-01T12:30:00.000Z');
const KEPT = 30;

const unseen = Array.from({ length: KEPT }, (_, i) =>
  message({ uid: `u-${i}`, subject: `Subject ${i}`, date: new Date(NOW - (i + 1) * 60_000).toISOString() }),
);
/** 30 summaries kept of 35 unseen: the full list ends in "and 5 more". */
const data = () => stored([account()], { 'acc-1': accountState({ count: 50, unseenCount: KEPT + 5, unseen }) });

/** Each storage read the popup makes, as the keys it asked for (null: everything); reads of everything wait for `release`. */
function gateStateReads() {
  const reads: (string[] | null)[] = [];
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const read = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys: string[] | null) => {
    reads.push(keys);
    if (keys === null) await released;
    return read(keys);
  });
  return { reads, release };
}

const rows = () => within(screen.getByRole('region', { name: 'Home mail' })).queryAllByRole('listitem');

freshPageEachTest(NOW);

describe('popup first screen from the glance', () => {
  it('renders the first rows from the glance alone, then every row from the full state after the first paint', async () => {
    const full = data();
    await fakeBrowser.storage.local.set({
      ...full,
      glance: glanceOf(
        full.state,
        full.settings.accounts.map((a) => a.id),
      ),
    });
    const { reads, release } = gateStateReads();
    render(<Popup />);
    await screen.findByText('Subject 0');
    expect(rows()).toHaveLength(FIRST_ROWS);
    // The full state is read only once that first screen is painted.
    await waitFor(() => expect(reads).toEqual([['settings', 'glance'], null]));
    expect(rows()).toHaveLength(FIRST_ROWS);
    expect(screen.getByText('35 new')).toBeTruthy();
    // The glance holds only the first rows: "and N more" waits for the full list.
    expect(screen.queryByText(/more$/)).toBeNull();
    release();
    expect(await screen.findByText('and 5 more')).toBeTruthy();
    expect(rows().filter((row) => row.classList.contains('message'))).toHaveLength(KEPT);
  });

  it('falls back to the full state when no glance is stored (an older version wrote the state)', async () => {
    await fakeBrowser.storage.local.set(data());
    const { reads, release } = gateStateReads();
    render(<Popup />);
    await waitFor(() => expect(reads).toEqual([['settings', 'glance'], null]));
    expect(screen.queryByText('Subject 0')).toBeNull();
    release();
    expect(await screen.findByText('and 5 more')).toBeTruthy();
    expect(rows().filter((row) => row.classList.contains('message'))).toHaveLength(KEPT);
    // Nothing is read twice: the first read already held every row.
    expect(reads).toHaveLength(2);
  });

  it('keeps re-rendering from the full state when the background writes both keys', async () => {
    const full = data();
    await fakeBrowser.storage.local.set({
      ...full,
      glance: glanceOf(
        full.state,
        full.settings.accounts.map((a) => a.id),
      ),
    });
    render(<Popup />);
    expect(await screen.findByText('and 5 more')).toBeTruthy();
    const next = stored([account()], {
      'acc-1': accountState({ unseenCount: 1, unseen: [message({ uid: 'fresh', subject: 'Just arrived' })] }),
    });
    await fakeBrowser.storage.local.set({ state: next.state, glance: glanceOf(next.state, ['acc-1']) });
    expect(await screen.findByText('Just arrived')).toBeTruthy();
    expect(screen.queryByText('Subject 0')).toBeNull();
  });

  it('with 20 accounts × 100 new messages, renders one screenful first, then 25 rows per account and "and 75 more"', async () => {
    const accounts = Array.from({ length: 20 }, (_, a) => account({ id: `acc-${a}`, name: `Mail ${a}` }));
    const states = Object.fromEntries(
      accounts.map((acc, a) => [
        acc.id,
        accountState({
          count: 300,
          unseenCount: 100,
          unseen: Array.from({ length: 100 }, (_, i) =>
            message({
              uid: `u-${a}-${i}`,
              subject: `Subject ${a}-${i}`,
              date: new Date(NOW - (i + 1) * 60_000).toISOString(),
            }),
          ),
        }),
      ]),
    );
    const full = stored(accounts, states);
    await fakeBrowser.storage.local.set({
      ...full,
      glance: glanceOf(
        full.state,
        full.settings.accounts.map((a) => a.id),
      ),
    });
    const { release } = gateStateReads();
    render(<Popup />);
    await screen.findByText('Subject 0-0');
    const messageRows = () => document.querySelectorAll('li.message');
    expect(messageRows()).toHaveLength(FIRST_ROWS);
    release();
    await waitFor(() => expect(screen.getAllByText('and 75 more')).toHaveLength(20));
    expect(messageRows()).toHaveLength(ROWS_IN_ALL);
  });
});
