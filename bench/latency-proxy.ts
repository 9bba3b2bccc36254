/**
 * A TCP proxy on 127.0.0.1 that delays every chunk by a fixed time in each direction (so one
 * round trip costs 2 × delay) and counts what a POP3 client costs: round trips (turns of the
 * conversation: the client speaking again after the server spoke) and bytes each way.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyCounters {
  roundTrips: number;
  bytesFromServer: number;
  bytesFromClient: number;
}

export interface LatencyProxy {
  port: number;
  /** Counters of the connection(s) since the last reset. */
  counters: ProxyCounters;
  reset(): void;
  close(): Promise<void>;
}

export async function startLatencyProxy(
  target: { host: string; port: number },
  delayMs: number,
): Promise<LatencyProxy> {
  const counters: ProxyCounters = { roundTrips: 0, bytesFromServer: 0, bytesFromClient: 0 };
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    // The greeting is the server's first word; each time the client speaks after hearing the
    // server, the conversation has taken one more turn.
    let lastSpeaker: 'client' | 'server' | undefined;
    const relay = (from: Socket, to: Socket, who: 'client' | 'server') =>
      from.on('data', (chunk) => {
        if (who === 'client') {
          if (lastSpeaker === 'server') counters.roundTrips += 1;
          counters.bytesFromClient += chunk.length;
        } else {
          counters.bytesFromServer += chunk.length;
        }
        lastSpeaker = who;
        setTimeout(() => to.write(chunk), delayMs);
      });
    relay(client, upstream, 'client');
    relay(upstream, client, 'server');
    const end = (other: Socket) => () => setTimeout(() => other.end(), delayMs);
    client.on('end', end(upstream)).on('error', () => upstream.destroy());
    upstream.on('end', end(client)).on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    counters,
    reset() {
      Object.assign(counters, { roundTrips: 0, bytesFromServer: 0, bytesFromClient: 0 });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
