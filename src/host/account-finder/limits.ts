/**
 * How much the account finder reads. It runs only when the user asks, but it reads files that
 * other programs own and that can grow without bound (mail programs keep caches and lists of
 * seen UIDs beside the settings), so every read is capped.
 */
export const FINDER_LIMITS = {
  /** A settings file larger than this is skipped: real prefs.js files stay well below 1 MiB. */
  maxFileBytes: 2 * 1024 * 1024,
  /** Everything read in one search, together. */
  maxTotalBytes: 16 * 1024 * 1024,
  /** Thunderbird profiles (per profiles.ini) and Outlook profiles read. */
  maxProfiles: 20,
  /** Evolution `.source` files and KMail resource files read (one per account or calendar). */
  maxFiles: 200,
  /** Whole `reg query` output for one key: Outlook keeps binary blobs beside the account values. */
  maxRegistryOutputBytes: 4 * 1024 * 1024,
  /** One `reg query` run; the registry answers in milliseconds. */
  registryTimeoutMs: 10_000,
} as const;

export type FinderLimits = { readonly [K in keyof typeof FINDER_LIMITS]: number };
