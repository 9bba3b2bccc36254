/**
 * One host's worth of writes, run as its own process by test/host/two-writers.test.ts:
 * `tsx store-writer.ts CONFIG_DIR PREFIX COUNT` stores COUNT secrets and commands named PREFIX-i
 * in the file stores under CONFIG_DIR, one after the other.
 */
import { CommandStore } from '../../src/host/commands/command-store';
import { FileSecretStore } from '../../src/host/secrets/file-secret-store';

const [configDir = '', prefix = '', count = '0'] = process.argv.slice(2);
const secrets = new FileSecretStore(configDir);
const commands = new CommandStore(configDir);
for (let i = 0; i < Number(count); i += 1) {
  await secrets.set(`${prefix}-${i}`, `secret-${prefix}-${i}`);
  await commands.set(`${prefix}-${i}`, 'mailClient', [`client-${prefix}-${i}`]);
}
