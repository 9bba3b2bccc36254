/**
 * Values Vite stamps in at build time (`import.meta.env`, from VITE_* variables in the build's
 * environment or a .env file). Only what Popbiff reads is declared; all are optional.
 */
interface ImportMetaEnv {
  /** OAuth client ids registered with Google and Microsoft; unset means "OAuth not configured". */
  readonly VITE_POPBIFF_GOOGLE_CLIENT_ID?: string;
  readonly VITE_POPBIFF_MICROSOFT_CLIENT_ID?: string;
  /**
   * Google issues "installed app" clients a secret that it documents as not confidential (it
   * ships inside every copy); only the host sends it, and only when set.
   */
  readonly VITE_POPBIFF_GOOGLE_CLIENT_SECRET?: string;
  /**
   * The Chrome Web Store (and Edge Add-ons) ids of Popbiff, comma-separated; unset means a
   * development build, whose host answers the id of the development key (extension-ids.ts).
   */
  readonly VITE_POPBIFF_CHROMIUM_STORE_IDS?: string;
  /**
   * Where this build's host downloads live (the folder holding popbiff-host_X_amd64.deb and the
   * other archives of `npm run package`); unset means a developer build, which offers
   * `npx popbiff install`.
   */
  readonly VITE_POPBIFF_HOST_DOWNLOAD_URL?: string;
  /**
   * Test builds only: the "local" OAuth provider's authorization and token endpoints and client
   * id (src/shared/local-oauth.ts). Honoured only when all three are set and both addresses are
   * on 127.0.0.1 or ::1; a release build sets none.
   */
  readonly VITE_POPBIFF_LOCAL_OAUTH_AUTHORIZE_URL?: string;
  readonly VITE_POPBIFF_LOCAL_OAUTH_TOKEN_URL?: string;
  readonly VITE_POPBIFF_LOCAL_OAUTH_CLIENT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
