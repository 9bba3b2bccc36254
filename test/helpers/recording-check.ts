import type { CheckOutcome, CheckRequest } from '../../src/host/mailbox/check/check-request';

/** A stand-in for the POP3 check in handler tests: records each request, finds an empty maildrop. */
export function recordingCheck() {
  const checks: CheckRequest[] = [];
  const checkMailbox = async (request: CheckRequest): Promise<CheckOutcome> => {
    checks.push(request);
    const result = { count: 0, size: 0, newCount: 0, newMessages: [], gone: [], baseline: true };
    return { result: { ...result, capabilities: [], checkedAt: 0 }, known: { uids: [] } };
  };
  return { checks, checkMailbox };
}
