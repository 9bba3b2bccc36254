/**
 * Fuzzing the autoconfig XML reader: a downloaded file may be anything. Parsing ends in an
 * element tree or a typed error, and every POP3 server taken from it has a valid host name, port
 * and user name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHostName } from '../../src/host/autoconfig/host-name';
import { pop3Servers } from '../../src/host/autoconfig/thunderbird-config';
import { parseXml } from '../../src/host/autoconfig/xml';
import { PopbiffError } from '../../src/shared/errors';
import { FUZZ_TIMEOUT_MS, fuzzOptions, typedOutcome } from '../helpers/fuzz';

const piece = fc.oneof(
  fc.constantFrom(
    '<clientConfig version="1.1">',
    '</clientConfig>',
    '<emailProvider id="x">',
    '</emailProvider>',
    '<incomingServer type="pop3">',
    '</incomingServer>',
    '<hostname>',
    '</hostname>',
    '<port>995</port>',
    '<socketType>SSL</socketType>',
    '<username>%EMAILLOCALPART%</username>',
    '<![CDATA[',
    ']]>',
    '&amp;',
    '&#x41;',
    '&#99999999;',
    '<!--',
    '-->',
    '<?xml version="1.0"?>',
    '<a b="c"/>',
  ),
  fc.string({ maxLength: 40 }),
);
const xmlLike = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

describe('fuzz: autoconfig XML', () => {
  it(
    'arbitrary text and XML-like pieces: a tree or a typed error; POP3 servers always valid',
    () => {
      fc.assert(
        fc.property(fc.oneof(xmlLike, fc.string({ maxLength: 500 })), (xml) => {
          const tree = typedOutcome(() => parseXml(xml));
          if (tree instanceof PopbiffError) return;
          const servers = typedOutcome(() => pop3Servers(xml, 'ada@example.org'));
          if (servers instanceof PopbiffError) return;
          for (const server of servers) {
            expect(isHostName(server.host)).toBe(true);
            expect(server.port).toBeGreaterThanOrEqual(1);
            expect(server.port).toBeLessThanOrEqual(65535);
            expect(server.username.length).toBeLessThanOrEqual(200);
            expect(server.username).not.toMatch(/[\r\n\0]/);
          }
        }),
        fuzzOptions,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
