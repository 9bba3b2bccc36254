/**
 * RFC 6186 service records for POP3: `_pop3s._tcp.DOMAIN` (implicit TLS) and `_pop3._tcp.DOMAIN`
 * (STARTTLS, the only way Popbiff uses that port by default), ordered as RFC 2782 says, across
 * both labels (RFC 6186 §3.4: the domain's priorities choose between the services too).
 */
import type { SrvRecord } from 'node:dns';
import type { Security } from '../../shared/server';
import type { AutoconfigServer } from '../../shared/protocol';
import { isHostName } from './host-name';

export type ResolveSrv = (name: string) => Promise<SrvRecord[]>;

/** A number in [0, 1), like Math.random; tests pass their own to fix the weighted choice. */
export type Random = () => number;

const SERVICES: [string, Security][] = [
  ['_pop3s._tcp', 'tls'],
  ['_pop3._tcp', 'starttls'],
];

/**
 * Each target in RFC 2782 order, first with the whole address as user name, then with its local
 * part: RFC 6186 §4 has the client try the address first and retry with the local part.
 */
export async function srvServers(
  domain: string,
  address: string,
  resolveSrv: ResolveSrv,
  random: Random = Math.random,
): Promise<AutoconfigServer[]> {
  const answers = await Promise.all(
    SERVICES.map(async ([service, security]) =>
      (await resolveSrv(`${service}.${domain}`).catch(() => [])).map((record) => ({ ...record, security })),
    ),
  );
  // RFC 2782: a target of "." means the service is decidedly not offered at this domain.
  const usable = answers
    .flat()
    .map((r) => ({ ...r, name: r.name.replace(/\.$/, '') }))
    .filter((r) => isHostName(r.name) && r.port > 0);
  const localPart = address.slice(0, address.lastIndexOf('@'));
  return rfc2782Order(usable, random).flatMap((r) => {
    const server = { host: r.name, port: r.port, security: r.security };
    return [
      { ...server, username: address },
      { ...server, username: localPart },
    ];
  });
}

/**
 * RFC 2782 "Usage rules": lowest priority first; within one priority, records are drawn one by
 * one with a probability proportional to their weight (weight-0 records placed first, so they
 * are chosen only when the others' running sum does not reach the random number).
 */
export function rfc2782Order<R extends SrvRecord>(records: readonly R[], random: Random): R[] {
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  return priorities.flatMap((priority) => {
    const left = records.filter((r) => r.priority === priority);
    // Zero weights first, as the RFC's selection procedure requires.
    left.sort((a, b) => Number(a.weight !== 0) - Number(b.weight !== 0));
    const ordered: R[] = [];
    while (left.length > 0) {
      const total = left.reduce((sum, r) => sum + r.weight, 0);
      const pick = Math.floor(random() * (total + 1)); // uniform in 0..total inclusive
      let index = 0;
      for (let running = left[0]?.weight ?? 0; running < pick; running += left[index]?.weight ?? 0) index += 1;
      ordered.push(...left.splice(Math.min(index, left.length - 1), 1));
    }
    return ordered;
  });
}
