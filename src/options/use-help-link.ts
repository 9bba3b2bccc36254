import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../shared/account';
import { inAccountForm, isHelpTarget } from './help-topics';
import { useLocationHash } from './use-location-hash';

interface Forms {
  /** The settings are read: until then a link waits. */
  ready: boolean;
  /** The account whose form holds an account setting; none yet means the add-account form. */
  first: Account | undefined;
  edit: (account: Account) => void;
  add: () => void;
}

/** Scrolls to a help link's target and focuses it when it is a control (a heading is only shown). */
function reveal(id: string): void {
  const target = document.getElementById(id) ?? document.getElementById('add-address');
  target?.scrollIntoView({ block: 'center' });
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) target.focus();
}

/**
 * Follows a help page link (#account-security, #host-title…) to its setting: opens the form that
 * holds it, then, once that form has rendered, focuses the control. Returns the page's hash, which
 * also says whether the help page itself is shown.
 */
export function useHelpLink({ ready, first, edit, add }: Forms): string {
  const [hash, clearHash] = useLocationHash();
  // A target waits here until the form that holds it has rendered.
  const [pending, setPending] = useState<string | undefined>();

  useEffect(() => {
    if (!ready || !isHelpTarget(hash)) return;
    if (inAccountForm(hash) && first) edit(first);
    else if (hash !== 'host-title') add();
    setPending(hash);
    // The same link works again after the form is closed.
    clearHash();
  }, [hash, ready]);
  useEffect(() => {
    if (pending === undefined) return;
    reveal(pending);
    setPending(undefined);
  }, [pending]);
  return hash;
}
