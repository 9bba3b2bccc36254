import * as z from 'zod/mini';

/**
 * Programs the host runs for an account. The host keeps each argv itself, set only from the
 * options page after the user confirmed it; requests name the account and the purpose, never an
 * argv, so a script in an extension page cannot make the host run a program of its choosing.
 * Purposes only grow (like error codes): an older host refuses one it does not know.
 */
export const CommandPurpose = z.enum(['passwordCommand', 'mailClient', 'onNewMail']);
export type CommandPurpose = z.infer<typeof CommandPurpose>;

/** Arguments of a program the host runs without a shell (argv, never a string). */
export const MAX_COMMAND_ARGS = 32;

/** An argv schema whose messages name the command (`what`), e.g. "mail client command". */
export function argvSchema(what: string) {
  return z
    .array(z.string().check(z.minLength(1, `Empty argument in the ${what}.`), z.maxLength(1000)))
    .check(z.minLength(1, `Enter the ${what}.`), z.maxLength(MAX_COMMAND_ARGS, `The ${what} has too many arguments.`));
}

export const CommandArgv = argvSchema('command');
export type CommandArgv = z.infer<typeof CommandArgv>;
