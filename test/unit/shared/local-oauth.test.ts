import { describe, expect, it } from 'vitest';
import { isLoopbackServer, localOAuthSettings } from '../../../src/shared/local-oauth';
import { OAUTH_PROVIDERS, isConfigured } from '../../../src/shared/oauth';
import { oauthProviderForServer } from '../../../src/shared/providers';

const LOCAL = {
  authorizeUrl: 'http://127.0.0.1:8123/authorize',
  tokenUrl: 'http://127.0.0.1:8123/token',
  clientId: 'popbiff-test-client',
};

describe('the local OAuth provider of test builds', () => {
  it('exists only when all three settings are given', () => {
    expect(localOAuthSettings(LOCAL)).toEqual(LOCAL);
    expect(localOAuthSettings({ ...LOCAL, clientId: undefined })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: '' })).toBeUndefined();
    expect(localOAuthSettings({})).toBeUndefined();
  });

  it('a build naming an address off this computer has no local provider, so no code or token can go there', () => {
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: 'https://oauth.example.com/token' })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, authorizeUrl: 'https://oauth.example.com/authorize' })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: 'http://localhost:8123/token' })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: 'http://127.0.0.1.example.com/token' })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: 'file://127.0.0.1/token' })).toBeUndefined();
    expect(localOAuthSettings({ ...LOCAL, tokenUrl: 'http://[::1]:8123/token' })).toBeDefined();
  });

  it('signs in to POP3 servers on this computer only', () => {
    expect(isLoopbackServer(' 127.0.0.1 ')).toBe(true);
    expect(isLoopbackServer('::1')).toBe(true);
    expect(isLoopbackServer('pop.gmail.com')).toBe(false);
    expect(isLoopbackServer('127.0.0.2')).toBe(false);
  });

  it('is unconfigured in a build without the settings, and then offered for no server', () => {
    // The unit tests' build sets no VITE_POPBIFF_LOCAL_OAUTH_*, like a release build.
    expect(isConfigured(OAUTH_PROVIDERS.local)).toBe(false);
    expect(oauthProviderForServer('127.0.0.1')).toBeUndefined();
  });
});
