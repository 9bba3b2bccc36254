import { describe, expect, it, vi } from 'vitest';
import { requestWebmailPermission, type PermissionRequester } from '../../../src/ui/webmail-permission';

vi.mock('../../../src/browser', () => import('../../helpers/ui-fake-browser'));

function requester(answer: () => Promise<boolean>) {
  const asked: { origins: string[] }[] = [];
  const permissions: PermissionRequester = {
    request(permissions) {
      asked.push(permissions);
      return answer();
    },
  };
  return { permissions, asked };
}

describe('requestWebmailPermission', () => {
  it("asks for the webmail's site only, at once (inside the click), without waiting for the answer", () => {
    const { permissions, asked } = requester(() => new Promise<boolean>(() => undefined));
    expect(requestWebmailPermission('https://mail.example.org:8443/owa/#inbox', permissions)).toBeUndefined();
    expect(asked).toEqual([{ origins: ['https://mail.example.org/*'] }]);
  });

  it('asks nothing without a web address', () => {
    const { permissions, asked } = requester(async () => true);
    requestWebmailPermission('', permissions);
    requestWebmailPermission('ftp://mail.example.org/', permissions);
    expect(asked).toEqual([]);
  });

  it('lets the save go on when the user refuses or the browser throws', async () => {
    const refused = requester(() => Promise.reject(new Error('Permission denied')));
    expect(() => requestWebmailPermission('https://mail.example.org/', refused.permissions)).not.toThrow();
    const throwing: PermissionRequester = {
      request() {
        throw new Error('permissions.request may only be called from a user input handler');
      },
    };
    expect(() => requestWebmailPermission('https://mail.example.org/', throwing)).not.toThrow();
    // A rejection left unhandled would fail the run here.
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('does nothing where the browser has no permissions API', () => {
    expect(() => requestWebmailPermission('https://mail.example.org/')).not.toThrow();
  });
});
