/**
 * Every size cap and deadline of the POP3 client, in one place. A check is a short, bounded
 * conversation: a broken or hostile server can make it fail, never hang or eat memory.
 */

/** RFC 2449 §4: a command line is at most 255 octets including CRLF. */
export const MAX_COMMAND = 255;

/** Status lines are at most 512 octets (RFC 2449 §4); twice that tolerates sloppy servers. */
export const MAX_STATUS_LINE = 1024;

/** One line of a multi-line reply; header lines in the wild stay far below this. */
export const MAX_MULTILINE_LINE = 8 * 1024;

/** A whole TOP n 0 header block; real header blocks are a few KiB, spam rarely above 32. */
export const MAX_HEADER_BLOCK = 64 * 1024;

/** Any multi-line reply: a UIDL of 100,000 messages is about 8 MiB at most. */
export const MAX_MULTILINE_TOTAL = 8 * 1024 * 1024;

/** CAPA lines (RFC 2449 §5); real servers announce about a dozen. */
export const MAX_CAPABILITIES = 100;

/** Length of one capability line kept for the result (the shared schema's cap). */
export const MAX_CAPABILITY_LENGTH = 200;

/** A first check calls every message new only when there are at most this many (see mailbox/check/). */
export const FIRST_CHECK_ALL_NEW_MAX = 50;

/**
 * Octets of pipelined commands written ahead of the replies read (RFC 2449 §6.6 warns of
 * deadlock when both sides' buffers fill); far below any socket buffer.
 */
export const PIPELINE_WRITE_AHEAD = 64 * 1024;

/**
 * When the server has answered the sign-in but not the commands pipelined behind it within
 * this time, it probably dropped them (some servers flush input after sign-in).
 */
export const PIPELINE_STALL_MS = 2_000;

/** The O(1) no-new check trusts append-only numbering; a full UIDL diff at least this often. */
export const FULL_SCAN_INTERVAL_MS = 60 * 60 * 1000;

/** When this many or more messages arrived, one full UIDL is cheaper than a UIDL n for each. */
export const SINGLE_UIDL_MAX = 300;

/** Servers without UIDL: header fingerprints scanned from the newest message, at most this many. */
export const FINGERPRINT_SCAN_MAX = 200;

/** Servers without UIDL: messages fingerprinted per round trip while scanning. */
export const FINGERPRINT_PAGE = 10;

/** Servers without UIDL: fingerprints of the newest messages remembered between checks. */
export const FINGERPRINT_KEEP = 20;

/** One SASL response line (RFC 5034 §4 lets it exceed 255 octets; OAuth tokens can be long). */
export const MAX_SASL_LINE = 16 * 1024;

/** SASL challenge/response rounds; PLAIN takes one, LOGIN two. */
export const MAX_SASL_ROUNDS = 5;

/**
 * A connection opened while the password was read is used only this soon after it was opened
 * (head-start.ts); servers close idle connections before sign-in after tens of seconds or more.
 */
export const HEAD_START_FRESH_MS = 10_000;

/** Deadlines in milliseconds; injectable so fault tests can use short ones. */
export interface Deadlines {
  /** TCP connect. */
  connect: number;
  /** TLS handshake (implicit or after STLS). */
  tls: number;
  /** From sending one command (or connecting, for the greeting) to its complete reply. */
  command: number;
  /** The whole check; keeps the maildrop lock short (RFC 1939 §8). */
  check: number;
  /** See PIPELINE_STALL_MS. */
  pipelineStall: number;
}

export const DEFAULT_DEADLINES: Deadlines = {
  connect: 15_000,
  tls: 15_000,
  command: 30_000,
  check: 90_000,
  pipelineStall: PIPELINE_STALL_MS,
};

/** Preview (TOP n lines): one body line; HTML mail often puts a whole paragraph on one line. */
export const PREVIEW_MAX_LINE = 64 * 1024;

/** Preview: octets of header and body kept for decoding; the text shown is capped far lower. */
export const PREVIEW_KEEP = 256 * 1024;

/** Preview: the whole TOP reply; 200 lines of at most PREVIEW_MAX_LINE stay below it. */
export const PREVIEW_MAX_TOTAL = 16 * 1024 * 1024;

/**
 * Distinct CA sets whose TLS context is kept (see secure-contexts.ts); far more than the
 * self-hosted servers one person uses, and each costs a copy of the system's root store.
 */
export const MAX_SECURE_CONTEXTS = 16;
