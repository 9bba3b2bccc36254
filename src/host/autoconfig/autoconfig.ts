/**
 * Finds the POP3 server for an e-mail address, the way Thunderbird does, in order: the
 * provider's autoconfig host, its well-known URL, Thunderbird's ISPDB, then DNS SRV records
 * (RFC 6186). The first source that names a POP3 server wins.
 */
import { resolveSrv } from 'node:dns/promises';
import { PopbiffError } from '../../shared/errors';
import type { AutoconfigServer, AutoconfigSource, ResultOf } from '../../shared/protocol';
import { type FetchText, fetchConfig, isAllowedUrl } from './fetch-config';
import { isHostName } from './host-name';
import { type ResolveSrv, srvServers } from './srv';
import { pop3Servers } from './thunderbird-config';

export type AutoconfigResult = ResultOf<'autoconfig'>;
type UrlSource = Exclude<AutoconfigSource, 'srv' | 'none'>;

/** `{domain}` and `{address}` (URL-encoded) are filled in. */
export const DEFAULT_URLS: Record<UrlSource, string> = {
  autoconfig: 'https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={address}',
  'well-known': 'https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml',
  ispdb: 'https://autoconfig.thunderbird.net/v1.1/{domain}',
};

export interface AutoconfigDeps {
  urls: Record<UrlSource, string>;
  fetchText: FetchText;
  resolveSrv: ResolveSrv;
}

export async function autoconfig(address: string, deps: AutoconfigDeps = defaultDeps()): Promise<AutoconfigResult> {
  const domain = domainOf(address);
  for (const source of ['autoconfig', 'well-known', 'ispdb'] as const) {
    const servers = await fromUrl(deps, source, domain, address);
    if (servers.length > 0) return { source, servers };
  }
  const servers = await srvServers(domain, address, deps.resolveSrv);
  return servers.length > 0 ? { source: 'srv', servers } : { source: 'none', servers: [] };
}

function domainOf(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!isHostName(domain)) throw new PopbiffError('BAD_REQUEST', 'The e-mail address has no valid domain.');
  return domain;
}

/** A file that is missing, unreadable or names no usable POP3 server counts as no answer. */
async function fromUrl(
  deps: AutoconfigDeps,
  source: UrlSource,
  domain: string,
  address: string,
): Promise<AutoconfigServer[]> {
  const url = deps.urls[source].replaceAll('{domain}', domain).replaceAll('{address}', encodeURIComponent(address));
  const xml = await deps.fetchText(url);
  if (xml === undefined) return [];
  try {
    return pop3Servers(xml, address);
  } catch (error) {
    if (error instanceof PopbiffError) return [];
    throw error;
  }
}

/**
 * POPBIFF_AUTOCONFIG_URLS (a JSON object of templates by source) points the lookups elsewhere,
 * for end-to-end tests against a local server; only HTTPS or loopback HTTP is accepted.
 */
export function defaultDeps(env: NodeJS.ProcessEnv = process.env): AutoconfigDeps {
  return { urls: urlsFrom(env.POPBIFF_AUTOCONFIG_URLS), fetchText: (url) => fetchConfig(url), resolveSrv };
}

export function urlsFrom(override: string | undefined): Record<UrlSource, string> {
  if (override === undefined || override === '') return DEFAULT_URLS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(override);
  } catch {
    throw new PopbiffError('BAD_REQUEST', 'POPBIFF_AUTOCONFIG_URLS is not valid JSON.');
  }
  const urls = { ...DEFAULT_URLS };
  for (const source of Object.keys(DEFAULT_URLS) as UrlSource[]) {
    const template = (parsed as Record<string, unknown>)[source];
    if (typeof template !== 'string') continue;
    if (
      !URL.canParse(template) ||
      !isAllowedUrl(new URL(template.replaceAll('{domain}', 'example.org').replaceAll('{address}', 'a')))
    ) {
      throw new PopbiffError('BAD_REQUEST', `POPBIFF_AUTOCONFIG_URLS.${source} must be HTTPS or loopback HTTP.`);
    }
    urls[source] = template;
  }
  return urls;
}
