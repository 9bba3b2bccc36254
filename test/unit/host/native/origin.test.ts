import { expect, it } from 'vitest';
import { callerFromArgs, isAllowedCaller, isNativeMessagingLaunch } from '../../../../src/host/native/origin';
import { CHROMIUM_EXTENSION_IDS, FIREFOX_EXTENSION_IDS } from '../../../../src/shared/extension-ids';

const chromiumId = CHROMIUM_EXTENSION_IDS[0];
const firefoxId = FIREFOX_EXTENSION_IDS[0];

it('recognises how Chromium and Firefox start the host', () => {
  expect(callerFromArgs([`chrome-extension://${chromiumId}/`])).toEqual({
    browser: 'chromium',
    origin: `chrome-extension://${chromiumId}/`,
  });
  expect(callerFromArgs([`chrome-extension://${chromiumId}/`, '--parent-window=0'])).toMatchObject({
    browser: 'chromium',
  });
  expect(callerFromArgs(['/home/a/.mozilla/native-messaging-hosts/org.popbiff.host.json', firefoxId])).toEqual({
    browser: 'firefox',
    extensionId: firefoxId,
  });
  expect(isNativeMessagingLaunch(['check', 'pop3s://a@b'])).toBe(false);
  expect(isNativeMessagingLaunch(['install', '--browser', 'chromium'])).toBe(false);
  expect(isNativeMessagingLaunch([])).toBe(false);
});

it('allows exactly the listed extension ids', () => {
  expect(isAllowedCaller(callerFromArgs([`chrome-extension://${chromiumId}/`]))).toBe(true);
  expect(isAllowedCaller(callerFromArgs(['manifest.json', firefoxId]))).toBe(true);
  expect(isAllowedCaller(callerFromArgs(['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/']))).toBe(false);
  expect(isAllowedCaller(callerFromArgs([`chrome-extension://${chromiumId}`]))).toBe(false);
  expect(isAllowedCaller(callerFromArgs([`chrome-extension://${chromiumId}/x/`]))).toBe(false);
  expect(isAllowedCaller(callerFromArgs(['manifest.json', 'evil@example.org']))).toBe(false);
  expect(isAllowedCaller({ browser: 'unknown' })).toBe(false);
});
