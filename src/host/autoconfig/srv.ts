/**
 * RFC 6186 §3.1: `_pop3s._tcp.DOMAIN` (implicit TLS) and `_pop3._tcp.DOMAIN` (STARTTLS, the
 * only way Popbiff uses that port by default), each sorted by priority then weight (RFC 2782).
 * A target of "." means the service is explicitly not offered.
 */
import type { SrvRecord } from 'node:dns';
import type { AutoconfigServer } from '../../shared/protocol';
import type { Security } from '../../shared/account';
import { isHostName } from './host-name';

export type ResolveSrv = (name: string) => Promise<SrvRecord[]>;

const SERVICES: [string, Security][] = [
  ['_pop3s._tcp', 'tls'],
  ['_pop3._tcp', 'starttls'],
];

/** RFC 6186 §3: the user name is the whole address unless the provider says otherwise. */
export async function srvServers(domain: string, address: string, resolveSrv: ResolveSrv): Promise<AutoconfigServer[]> {
  const found: AutoconfigServer[] = [];
  for (const [service, security] of SERVICES) {
    const records = await resolveSrv(`${service}.${domain}`).catch(() => []);
    const usable = records
      .map((r) => ({ ...r, name: r.name.endsWith('.') ? r.name.slice(0, -1) : r.name }))
      .filter((r) => isHostName(r.name) && r.port > 0);
    usable.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    found.push(...usable.map((r) => ({ host: r.name, port: r.port, security, username: address })));
  }
  return found;
}
