import { ExtensionState } from './account-state';
import { EMPTY_STATE } from './empty-state';

/** State is a cache of the server: when it is unreadable, start afresh (nothing of the user's is lost). */
export function readState(stored: unknown): ExtensionState {
  const parsed = ExtensionState.safeParse(stored);
  return parsed.success ? parsed.data : EMPTY_STATE;
}
