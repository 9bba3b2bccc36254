/**
 * `tsx ca-trust-probe.ts CA_FILE PORT...` connects to each TLS server on 127.0.0.1 with the
 * context Popbiff builds for an account naming CA_FILE, and prints whether each chain was
 * trusted, as a JSON array. Run in its own process so the test can choose the roots it starts with.
 */
import tls from 'node:tls';
import { secureContextFor } from '../../src/host/pop3/secure-contexts';

const [caFile = '', ...ports] = process.argv.slice(2);

function trusted(port: number): Promise<boolean> {
  const socket = tls.connect({
    host: '127.0.0.1',
    port,
    rejectUnauthorized: false,
    secureContext: secureContextFor(caFile),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no handshake with port ${port}`)), 5000);
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket.authorized);
      socket.destroy();
    });
  });
}

const answers = await Promise.all(ports.map((port) => trusted(Number(port))));
process.stdout.write(JSON.stringify(answers));
