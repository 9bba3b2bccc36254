import { UsageError } from './usage-error';

/**
 * The password for `popbiff check`: POPBIFF_PASSWORD, else typed on the terminal without echo.
 * Never an argument (it would show in the process list and shell history).
 */
export async function readPassword(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.POPBIFF_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('No password: set POPBIFF_PASSWORD, or run in a terminal to type it.');
  }
  const typed = await promptHidden('Password: ');
  if (typed === '') throw new UsageError('No password entered.');
  return typed;
}

function promptHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: UsageError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new UsageError('Cancelled.')); // Ctrl-C
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
