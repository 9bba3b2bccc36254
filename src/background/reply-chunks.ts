import { PopbiffError } from '../shared/errors';

/**
 * Reassembles replies the host split into chunks (ReplyEnvelope's third form; the host splits
 * any reply above MAX_HOST_MESSAGE_BYTES). The joined data is the whole reply's JSON.
 */

export interface Chunk {
  index: number;
  count: number;
  data: string;
}

interface Parts {
  count: number;
  data: (string | undefined)[];
  received: number;
}

export class ChunkAssembler {
  private readonly replies = new Map<string, Parts>();

  /** Adds one chunk of reply `id`; returns the joined JSON once every piece is in, else undefined. */
  add(id: string, chunk: Chunk): string | undefined {
    const parts = this.replies.get(id) ?? { count: chunk.count, data: [], received: 0 };
    this.replies.set(id, parts);
    if (chunk.count !== parts.count || chunk.index >= parts.count || parts.data[chunk.index] !== undefined) {
      this.replies.delete(id);
      throw new PopbiffError('INTERNAL', 'The Popbiff host sent a chunk that does not match the protocol.');
    }
    parts.data[chunk.index] = chunk.data;
    parts.received += 1;
    if (parts.received < parts.count) return undefined;
    this.replies.delete(id);
    return parts.data.join('');
  }
}
