/**
 * Latency proxies in a process of their own, as a network is: the browser's and the host's work
 * must not hold back packets, or a busy background would be charged twice (its own time and a
 * slower network), while the control, run with an idle background, would not.
 *
 * As a program, `tsx latency-network.ts HOST PORT DELAY_MS COUNT` starts COUNT proxies
 * (latency-proxy.ts) to HOST:PORT, prints their ports as one JSON line, and ends with its stdin.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy';

export interface LatencyNetwork {
  ports: number[];
  close(): void;
}

const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Starts the proxies in a child process; resolves once they all listen. */
export async function startLatencyNetwork(
  target: { host: string; port: number },
  delayMs: number,
  count: number,
): Promise<LatencyNetwork> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(TSX, [self, target.host, String(target.port), String(delayMs), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the latency network ended (${code}) before it listened`)));
  });
  lines.close();
  return { ports: JSON.parse(first) as number[], close: () => child.stdin.end() };
}

async function serve(): Promise<void> {
  const [host = '', port = '0', delayMs = '0', count = '0'] = process.argv.slice(2);
  const proxies: LatencyProxy[] = [];
  for (let i = 0; i < Number(count); i++)
    proxies.push(await startLatencyProxy({ host, port: Number(port) }, Number(delayMs)));
  process.stdout.write(`${JSON.stringify(proxies.map((proxy) => proxy.port))}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    for (const proxy of proxies) await proxy.close();
    process.exit(0);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve();
