/**
 * What Thunderbird does after the ISPDB has nothing for a domain: look up the domain's mail
 * exchanger, since custom domains hosted by a big provider (Google Workspace, Microsoft 365)
 * name the provider's MX hosts.
 */
import type { MxRecord } from 'node:dns';

export type ResolveMx = (domain: string) => Promise<MxRecord[]>;

/** The preferred mail exchanger (lowest preference, RFC 5321 §5.1), or undefined when there is none. */
export async function preferredMx(domain: string, resolveMx: ResolveMx): Promise<string | undefined> {
  const records = await resolveMx(domain).catch(() => []);
  const usable = records.filter((r) => r.exchange !== '' && r.exchange !== '.');
  usable.sort((a, b) => a.priority - b.priority);
  return usable[0]?.exchange.toLowerCase().replace(/\.$/, '');
}

/**
 * The ISPDB names to ask for an MX host, as Thunderbird does: the subdomain just above its base
 * domain, then the base domain ("x.mail.protection.outlook.com" → "protection.outlook.com",
 * "outlook.com"). Without a public-suffix list the base domain is the last two labels; for hosts
 * under a two-label suffix (co.uk) the first name asked is then the right one.
 */
export function ispdbNamesForMx(mxHost: string): string[] {
  const labels = mxHost.split('.');
  return [...new Set([labels.slice(-3).join('.'), labels.slice(-2).join('.')])];
}
