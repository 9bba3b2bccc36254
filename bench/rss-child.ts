/**
 * The benchmark's memory probe: one check in a fresh Node process, as the native host runs it,
 * then the process's peak RSS. Reads {request, known} from the JSON file named by argv[2]
 * (the password comes from POPBIFF_PASSWORD) and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import type { CheckRequest } from '../src/host/mailbox/check/check-request';
import { checkMailbox } from '../src/host/mailbox/check/check-mailbox';
import type { KnownMailbox } from '../src/host/mailbox/check/known-mailbox';

interface Input {
  request: Omit<CheckRequest, 'password' | 'known'>;
  known?: KnownMailbox;
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: rss-child INPUT.json');
const input = JSON.parse(readFileSync(file, 'utf8')) as Input;
const { result } = await checkMailbox({
  ...input.request,
  known: input.known,
  password: process.env.POPBIFF_PASSWORD ?? '',
});
// maxRSS is in kilobytes (getrusage).
process.stdout.write(
  `${JSON.stringify({ count: result.count, newCount: result.newCount, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
