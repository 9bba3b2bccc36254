/**
 * The POP3 servers in a Thunderbird autoconfig file (clientConfig version 1.1): each
 * <incomingServer type="pop3"> with hostname, port, socketType and username, the placeholders
 * filled in for the user's address. Servers that do not validate are skipped; order is kept
 * (the file lists the preferred server first).
 */
import type { AutoconfigServer } from '../../shared/protocol';
import type { Security } from '../../shared/server';
import { isHostName } from './host-name';
import { childrenNamed, childText, parseXml, type XmlElement } from './xml';

const SOCKET_TYPES: Record<string, Security> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'plain' };

export function pop3Servers(xml: string, address: string): AutoconfigServer[] {
  const root = parseXml(xml);
  if (root.name !== 'clientConfig') return [];
  const incoming = childrenNamed(root, 'emailProvider').flatMap((provider) =>
    childrenNamed(provider, 'incomingServer'),
  );
  return incoming
    .filter((server) => server.attributes.type === 'pop3')
    .flatMap((server) => {
      const parsed = toServer(server, address);
      return parsed ? [parsed] : [];
    });
}

function toServer(element: XmlElement, address: string): AutoconfigServer | undefined {
  const host = fill(childText(element, 'hostname') ?? '', address);
  const port = Number(childText(element, 'port'));
  const security = SOCKET_TYPES[childText(element, 'socketType') ?? ''];
  const username = fill(childText(element, 'username') ?? '%EMAILADDRESS%', address);
  if (!isHostName(host)) return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535 || security === undefined) return undefined;
  if (username === '' || username.length > 200 || /[\r\n\0]/.test(username)) return undefined;
  return { host, port, security, username };
}

/** Thunderbird's placeholders (the user's address and its parts). */
export function fill(template: string, address: string): string {
  const at = address.lastIndexOf('@');
  return template
    .replaceAll('%EMAILADDRESS%', address)
    .replaceAll('%EMAILLOCALPART%', address.slice(0, at))
    .replaceAll('%EMAILDOMAIN%', address.slice(at + 1));
}
