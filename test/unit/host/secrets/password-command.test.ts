import { describe, expect, it } from 'vitest';
import { firstLine, runPasswordCommand } from '../../../../src/host/secrets/password-command';
import { passwordFor } from '../../../../src/host/secrets/password-source';

const node = (script: string) => [process.execPath, '-e', script];

describe('passwordCommand', () => {
  it('uses the first line of stdout', async () => {
    expect(await runPasswordCommand(node('process.stdout.write("s3cret pw\\nurl: x\\n")'))).toBe('s3cret pw');
    expect(firstLine('a\r\nb')).toBe('a');
  });

  it('passes arguments as they are, with no shell to interpret them', async () => {
    const argv = [...node('process.stdout.write(process.argv[1])'), '$HOME;echo hi|`id`'];
    expect(await runPasswordCommand(argv)).toBe('$HOME;echo hi|`id`');
  });

  it('fails with NO_PASSWORD on a non-zero exit, without repeating what it printed', async () => {
    const error = await runPasswordCommand(node('console.log("leaked-secret"); process.exit(3)')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'NO_PASSWORD', message: 'The password command exited with code 3.' });
  });

  it('fails on empty output, a missing program and a hang', async () => {
    await expect(runPasswordCommand(node(''))).rejects.toMatchObject({
      message: 'The password command printed no password.',
    });
    await expect(runPasswordCommand(['/nonexistent/pass', 'show'])).rejects.toMatchObject({ code: 'NO_PASSWORD' });
    await expect(runPasswordCommand(node('setTimeout(() => {}, 5000)'), 200)).rejects.toMatchObject({
      message: 'The password command did not finish within 0.2 s.',
    });
  });

  it('is preferred over the stored secret when the account has one', async () => {
    const secrets = { get: async () => 'stored' };
    expect(await passwordFor('a', {}, secrets)).toBe('stored');
    expect(
      await passwordFor('a', { passwordCommand: ['pass', 'show', 'x'] }, secrets, async (argv) => `from ${argv[0]}`),
    ).toBe('from pass');
    await expect(passwordFor('a', {}, { get: async () => undefined })).rejects.toMatchObject({ code: 'NO_PASSWORD' });
  });
});
