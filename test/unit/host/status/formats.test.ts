import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../../../src/host/status/formats';
import type { StoredStatus } from '../../../../src/host/status/status-file';
import { ERROR_TABLE } from '../../../../src/shared/errors';

const at = Date.UTC(2026, 11, 3, 10, 0, 0);
const status: StoredStatus = {
  version: 1,
  updatedAt: at,
  accounts: [
    { accountId: 'work', name: 'Work', unseen: 3, lastCheckAt: at },
    { accountId: 'home', name: 'Home', unseen: 0, error: 'AUTH_FAILED', lastCheckAt: at },
    { accountId: 'new', name: 'New one', unseen: 0 },
  ],
};
const quiet: StoredStatus = {
  version: 1,
  updatedAt: at,
  accounts: [{ accountId: 'w', name: 'W', unseen: 0, lastCheckAt: at }],
};
const broken: StoredStatus = { ...quiet, accounts: [{ accountId: 'w', name: 'W', unseen: 0, error: 'TIMEOUT' }] };

describe('popbiff status formats', () => {
  it('plain: the total first (what tmux shows), then each account, then when it was written', () => {
    const lines = renderStatus(status, 'plain').trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '3 new · 1 account with an error',
      '  Work: 3 new',
      `  Home: no new mail; error: ${ERROR_TABLE.AUTH_FAILED.message}`,
      '  New one: not checked yet',
    ]);
    expect(lines[4]).toMatch(/^ {2}Updated .+\.$/);
    expect(renderStatus(quiet, 'plain', true)).toBe('No new mail\n');
  });

  it('json: one object with the totals, each account and ISO times', () => {
    const parsed = JSON.parse(renderStatus(status, 'json'));
    expect(parsed).toEqual({
      total: 3,
      errors: 1,
      updatedAt: '2026-12-03T10:00:00.000Z',
      accounts: [
        { id: 'work', name: 'Work', unseen: 3, error: null, lastCheckAt: '2026-12-03T10:00:00.000Z' },
        {
          id: 'home',
          name: 'Home',
          unseen: 0,
          error: { code: 'AUTH_FAILED', message: ERROR_TABLE.AUTH_FAILED.message },
          lastCheckAt: '2026-12-03T10:00:00.000Z',
        },
        { id: 'new', name: 'New one', unseen: 0, error: null, lastCheckAt: null },
      ],
    });
    expect(renderStatus(status, 'json').split('\n')).toHaveLength(2);
  });

  it('waybar: text, a tooltip per account and a class the bar can style', () => {
    const parsed = JSON.parse(renderStatus(status, 'waybar'));
    expect(parsed).toMatchObject({ text: '✉ 3 !', class: 'new', alt: 'new' });
    expect(parsed.tooltip).toContain('Work: 3 new');
    expect(JSON.parse(renderStatus(broken, 'waybar'))).toMatchObject({ text: '✉ !', class: 'error' });
    expect(JSON.parse(renderStatus(quiet, 'waybar'))).toMatchObject({ text: '', class: 'none' });
  });

  it('i3blocks: full_text and short_text, or one line per change for a persistent block', () => {
    expect(renderStatus(status, 'i3blocks')).toBe('✉ 3 !\n✉ 3 !\n');
    expect(renderStatus(status, 'i3blocks', true)).toBe('✉ 3 !\n');
  });

  it('polybar: one line, empty when there is nothing to say', () => {
    expect(renderStatus(status, 'polybar')).toBe('✉ 3 !\n');
    expect(renderStatus(quiet, 'polybar')).toBe('\n');
  });

  it('says when there is no summary yet instead of showing zero', () => {
    expect(renderStatus(undefined, 'plain')).toBe(
      'No status yet: the Popbiff extension writes it after its first check.\n',
    );
    expect(JSON.parse(renderStatus(undefined, 'json'))).toEqual({ total: 0, errors: 0, updatedAt: null, accounts: [] });
  });
});
