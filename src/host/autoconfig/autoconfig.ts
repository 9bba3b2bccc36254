/**
 * Finds the POP3 server for an e-mail address, the way Thunderbird does, in order: the
 * provider's autoconfig host, its well-known URL, Thunderbird's ISPDB, the domain's MX host
 * (a known provider's mail exchanger, or the ISPDB for its domain), then DNS SRV records
 * (RFC 6186). The first source that names a POP3 server wins.
 */
import { resolveMx, resolveSrv } from 'node:dns/promises';
import { PopbiffError } from '../../shared/errors';
import type { AutoconfigServer, AutoconfigSource, ResultOf } from '../../shared/protocol';
import { type FetchText, fetchConfig, isAllowedUrl } from './fetch-config';
import { providerForMx, usernameFor } from '../../shared/providers';
import { isHostName } from './host-name';
import { ispdbNamesForMx, preferredMx, type ResolveMx } from './mx';
import { type Random, type ResolveSrv, srvServers } from './srv';
import { pop3Servers } from './thunderbird-config';

export type AutoconfigResult = ResultOf<'autoconfig'>;
type UrlSource = Exclude<AutoconfigSource, 'srv' | 'mx' | 'none'>;

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
  resolveMx: ResolveMx;
  /** The RFC 2782 weighted choice among SRV records of one priority. */
  random: Random;
}

export async function autoconfig(address: string, deps: AutoconfigDeps = defaultDeps()): Promise<AutoconfigResult> {
  const domain = domainOf(address);
  for (const source of ['autoconfig', 'well-known', 'ispdb'] as const) {
    const servers = await fromUrl(deps, source, domain, address);
    if (servers.length > 0) return { source, servers };
  }
  const byMx = await fromMx(deps, domain, address);
  if (byMx) return byMx;
  const servers = await srvServers(domain, address, deps.resolveSrv, deps.random);
  return servers.length > 0 ? { source: 'srv', servers } : { source: 'none', servers: [] };
}

/**
 * A domain whose mail a known provider receives is that provider's (the result names it, so the
 * options page shows what to do there, e.g. that Google Workspace needs OAuth); otherwise the
 * ISPDB may know the MX host's own domain.
 */
async function fromMx(deps: AutoconfigDeps, domain: string, address: string): Promise<AutoconfigResult | undefined> {
  const mx = await preferredMx(domain, deps.resolveMx);
  if (mx === undefined) return undefined;
  const provider = providerForMx(mx);
  if (provider?.pop) {
    const server = { ...provider.pop, username: usernameFor(provider, address) };
    return { source: 'mx', provider: provider.id, servers: [server] };
  }
  for (const name of ispdbNamesForMx(mx)) {
    if (name === domain) continue; // already asked
    const servers = await fromUrl(deps, 'ispdb', name, address);
    if (servers.length > 0) return { source: 'mx', servers };
  }
  return undefined;
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
  return {
    urls: urlsFrom(env.POPBIFF_AUTOCONFIG_URLS),
    fetchText: (url) => fetchConfig(url),
    resolveSrv,
    resolveMx,
    random: Math.random,
  };
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
