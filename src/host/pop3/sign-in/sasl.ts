/**
 * Pure builders of SASL client responses and the APOP digest: no I/O, so each is tested
 * against the RFC's own examples. Every value returned here carries the secret in some form
 * and must be sent as a secret (masked in the transcript).
 */
import { createHash, createHmac } from 'node:crypto';

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

/** PLAIN (RFC 4616 §2): authzid (empty), NUL, authcid, NUL, password. */
export function plainResponse(username: string, secret: string): string {
  return b64(`\0${username}\0${secret}`);
}

/** LOGIN (draft-murchison-sasl-login): the user name, then the password, each base64. */
export function loginResponses(username: string, secret: string): [string, string] {
  return [b64(username), b64(secret)];
}

/** CRAM-MD5 (RFC 2195 §2): "user hex(HMAC-MD5(secret, challenge))", base64. */
export function cramMd5Response(username: string, secret: string, challengeBase64: string): string {
  const challenge = Buffer.from(challengeBase64, 'base64');
  const digest = createHmac('md5', secret).update(challenge).digest('hex');
  return b64(`${username} ${digest}`);
}

/** XOAUTH2 (Google's and Microsoft's format): "user=U^Aauth=Bearer T^A^A", base64. */
export function xoauth2Response(username: string, token: string): string {
  return b64(`user=${username}\x01auth=Bearer ${token}\x01\x01`);
}

/** OAUTHBEARER (RFC 7628 §3.1): GS2 header with the authzid, then key/value pairs. */
export function oauthBearerResponse(username: string, token: string, host: string, port: number): string {
  const authzid = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  return b64(`n,a=${authzid},\x01host=${host}\x01port=${port}\x01auth=Bearer ${token}\x01\x01`);
}

/**
 * The client's answer to an OAuth error challenge: RFC 7628 §3.2.3 has OAUTHBEARER clients send
 * a single %x01 (base64 "AQ=="); XOAUTH2 servers (Gmail) expect an empty line. The server then
 * sends the final -ERR.
 */
export function oauthErrorAck(mechanism: 'XOAUTH2' | 'OAUTHBEARER'): string {
  return mechanism === 'OAUTHBEARER' ? b64('\x01') : '';
}

/** The greeting's timestamp, "<...@...>" (RFC 1939 §7), which APOP needs; undefined if none. */
export function greetingTimestamp(greetingText: string): string | undefined {
  return /<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>/.exec(greetingText)?.[0];
}

/** APOP digest (RFC 1939 §7): lower-case hex MD5 of the timestamp followed by the secret. */
export function apopDigest(timestamp: string, secret: string): string {
  return createHash('md5')
    .update(timestamp + secret, 'utf8')
    .digest('hex');
}
