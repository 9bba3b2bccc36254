import { useEffect, useState } from 'preact/hooks';

const current = (): string => decodeURIComponent(location.hash.replace(/^#/, ''));

/**
 * The page's hash without its "#", kept current (the help page and its links live in it), and a
 * way to drop it without a new history entry once a link has been followed.
 */
export function useLocationHash(): [string, () => void] {
  const [hash, setHash] = useState(current);
  useEffect(() => {
    const update = (): void => setHash(current());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  const clear = (): void => {
    history.replaceState(null, '', location.pathname + location.search);
    setHash('');
  };
  return [hash, clear];
}
