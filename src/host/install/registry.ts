import { execFile } from 'node:child_process';
import { PopbiffError } from '../../shared/errors';

/**
 * Windows native-messaging registrations: the default value of one registry key names the
 * manifest file. We drive `reg.exe` (always present, no native module) with argv arrays — never
 * a shell — and keep the argv building pure so it is tested on any OS.
 */
export type RegArgs = readonly string[];

/** `reg add KEY /ve /t REG_SZ /d PATH /f`: set the default value, overwrite without asking. */
export function regAddArgs(key: string, manifestPath: string): RegArgs {
  return ['add', key, '/ve', '/t', 'REG_SZ', '/d', manifestPath, '/f'];
}

export function regDeleteArgs(key: string): RegArgs {
  return ['delete', key, '/f'];
}

export function regQueryArgs(key: string): RegArgs {
  return ['query', key, '/ve'];
}

/** The default value from `reg query KEY /ve` output ("    (Default)    REG_SZ    C:\\..."). */
export function parseRegQuery(output: string): string | undefined {
  const match = /^\s+\S.*?\s{2,}REG_(?:EXPAND_)?SZ\s{2,}(.+?)\s*$/m.exec(output);
  return match?.[1];
}

/** Runs reg.exe; tests inject a recorder instead. */
export type RegRunner = (args: RegArgs) => Promise<string>;

export const runReg: RegRunner = (args) =>
  new Promise((resolve, reject) => {
    execFile('reg.exe', [...args], { windowsHide: true, timeout: 10_000 }, (error, stdout) => {
      if (error) reject(new PopbiffError('STORAGE_FAILED', `reg.exe ${args[0] ?? ''} ${args[1] ?? ''} failed.`));
      else resolve(stdout);
    });
  });
