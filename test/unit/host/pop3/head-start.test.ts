import type net from 'node:net';
import { expect, it, vi } from 'vitest';
import { HeadStart } from '../../../../src/host/pop3/head-start';

function fakeSocket() {
  const socket = {
    destroyed: false,
    on: vi.fn(),
    destroy: vi.fn(() => {
      socket.destroyed = true;
    }),
  };
  return socket;
}

it('hands its connection to the first session only', async () => {
  const socket = fakeSocket();
  const headStart = new HeadStart(async () => socket as unknown as net.Socket);
  expect(await headStart.take()).toBe(socket);
  expect(await headStart.take()).toBeUndefined();
  headStart.discard();
  expect(socket.destroy).not.toHaveBeenCalled();
});

it('closes a connection older than it may be and lets the session open its own', async () => {
  const socket = fakeSocket();
  const headStart = new HeadStart(async () => socket as unknown as net.Socket, -1);
  expect(await headStart.take()).toBeUndefined();
  expect(socket.destroy).toHaveBeenCalled();
});

it('passes a failure to connect on to the session', async () => {
  const headStart = new HeadStart(() => Promise.reject(new Error('refused')));
  await expect(headStart.take()).rejects.toThrow('refused');
});
