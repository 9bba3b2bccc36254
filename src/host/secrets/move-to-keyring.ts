/**
 * Moves every secret of the 0600 file into the OS keyring, once the keyring answers again after
 * a probe that timed out (choose-store.ts). Each secret is written and read back before the file
 * goes; any failure leaves the file as it was, to be tried again on the next start.
 */
import type { FileSecretStore } from './file-secret-store';
import type { SecretStore } from './secret-store';

export async function moveToKeyring(file: FileSecretStore, keyring: SecretStore): Promise<boolean> {
  try {
    for (const id of await file.accountIds()) {
      const secret = await file.get(id);
      if (secret === undefined) continue;
      await keyring.set(id, secret);
      if ((await keyring.get(id)) !== secret) return false;
    }
    await file.remove();
    return true;
  } catch {
    return false; // the keyring failed half-way: the file still holds everything
  }
}
