import { RE2JS } from 're2js';
import * as z from 'zod/mini';
import type { Mailbox, MessageSummary } from './mail';

/**
 * Mail rules: pure, shared by the background (which applies them) and the options page (which
 * validates and previews them). A rule matches a message when ANY or ALL of its conditions hold;
 * the first matching rule decides (account rules before global ones).
 */

/** A pattern longer than this is not a filter anyone types; it is refused, not truncated. */
export const MAX_PATTERN_LENGTH = 200;
/**
 * Regexes run on at most this many characters. The engine (RE2) is linear in pattern × text, so
 * with both capped a rule's cost is bounded whatever the mail says.
 */
export const MAX_MATCHED_LENGTH = 1000;
export const MAX_RULES = 50;
const MAX_CONDITIONS = 10;

/** `from`, `to` and `subject` read the parsed fields; anything else names a header. */
export const RuleField = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Choose a field or enter a header name.'),
    z.maxLength(100, 'The header name is too long.'),
    z.regex(/^[!-9;-~]+$/, 'A header name has no spaces or colons.'),
  );

export const ConditionOp = z.enum(['contains', 'equals', 'regex', 'present']);
export type ConditionOp = z.infer<typeof ConditionOp>;

export const Condition = z.object({
  field: RuleField,
  op: ConditionOp,
  /** Ignored for `present`. */
  value: z.string().check(z.maxLength(MAX_PATTERN_LENGTH, `Keep the text under ${MAX_PATTERN_LENGTH} characters.`)),
});
export type Condition = z.infer<typeof Condition>;

export const RuleAction = z.enum(['ignore', 'important', 'silent']);
export type RuleAction = z.infer<typeof RuleAction>;

export const Rule = z
  .object({
    name: z.string().check(z.maxLength(100)),
    match: z.enum(['any', 'all']),
    conditions: z.array(Condition).check(z.minLength(1, 'Add at least one condition.'), z.maxLength(MAX_CONDITIONS)),
    action: RuleAction,
  })
  .check(
    z.superRefine((rule, ctx) => {
      const problem = ruleProblem(rule.conditions);
      if (problem)
        ctx.issues.push({
          code: 'custom',
          message: problem.message,
          path: ['conditions', problem.index, 'value'],
          input: rule,
        });
    }),
  );
export type Rule = z.infer<typeof Rule>;

export const RuleList = z.array(Rule).check(z.maxLength(MAX_RULES));

/** Spam that the server's filter flagged (SpamAssassin's headers) is neither counted nor notified. */
export const DEFAULT_RULES: Rule[] = [
  {
    name: 'Spam flagged by the server',
    match: 'any',
    conditions: [
      { field: 'X-Spam-Flag', op: 'equals', value: 'YES' },
      { field: 'X-Spam-Status', op: 'regex', value: '^\\s*yes\\b' },
    ],
    action: 'ignore',
  },
];

export type ValidationResult = { ok: true; rule: Rule } | { ok: false; message: string; path: (string | number)[] };

/** Checks a rule from the options page; a bad regex gives a message the page can show beside it. */
export function validateRule(input: unknown): ValidationResult {
  const parsed = Rule.safeParse(input);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: issue?.message ?? 'The rule is not valid.',
    path: (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p)),
  };
}

function ruleProblem(conditions: readonly Condition[]): { index: number; message: string } | undefined {
  for (const [index, condition] of conditions.entries()) {
    if (condition.op === 'present') continue;
    if (condition.value === '') return { index, message: 'Enter the text to look for.' };
    if (condition.op !== 'regex') continue;
    const compiled = compile(condition.value);
    if (compiled instanceof Error)
      return { index, message: `This is not a valid regular expression: ${compiled.message}` };
  }
  return undefined;
}

/** Compiled patterns by source; stored rules are few (MAX_RULES × MAX_CONDITIONS), so is this. */
const cache = new Map<string, RE2JS | Error>();
const MAX_COMPILED = MAX_RULES * MAX_CONDITIONS;

/**
 * Case-insensitive, like every other comparison here; a syntax error comes back as a value.
 * RE2 (re2js), not RegExp: it never backtracks, so no pattern (`^(a|aa)+$`, typed or imported)
 * can make a subject take exponential time. The price is no look-around and no back-references.
 */
function compile(pattern: string): RE2JS | Error {
  const known = cache.get(pattern);
  if (known !== undefined) return known;
  let result: RE2JS | Error;
  try {
    result = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    result = error instanceof Error ? error : new Error('invalid pattern');
  }
  if (cache.size >= MAX_COMPILED) cache.clear();
  cache.set(pattern, result);
  return result;
}

const formatMailbox = (mailbox: Mailbox): string =>
  mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;

/** The field's text, or undefined when the message has no such field (a missing header is absent). */
export function fieldValue(message: MessageSummary, field: string): string | undefined {
  const name = field.toLowerCase();
  if (name === 'from') return message.from.address || message.from.name ? formatMailbox(message.from) : undefined;
  if (name === 'subject') return message.subject;
  if (name === 'to' && message.to !== undefined) return message.to.map(formatMailbox).join(', ');
  if (name === 'cc' && message.cc !== undefined) return message.cc.map(formatMailbox).join(', ');
  return message.headers?.[name];
}

export function conditionHolds(condition: Condition, message: MessageSummary): boolean {
  const value = fieldValue(message, condition.field);
  if (value === undefined) return false;
  if (condition.op === 'present') return true;
  const text = value.slice(0, MAX_MATCHED_LENGTH);
  if (condition.op === 'contains') return text.toLowerCase().includes(condition.value.toLowerCase());
  if (condition.op === 'equals') return text.trim().toLowerCase() === condition.value.trim().toLowerCase();
  const regex = compile(condition.value);
  // Stored rules were validated; one that is not (edited by hand) simply never matches.
  return !(regex instanceof Error) && regex.test(text);
}

export function ruleMatches(rule: Rule, message: MessageSummary): boolean {
  const holds = (condition: Condition) => conditionHolds(condition, message);
  return rule.match === 'all' ? rule.conditions.every(holds) : rule.conditions.some(holds);
}

/** What the first matching rule says to do with the message; `notify` when none matches. */
export function classify(rules: readonly Rule[], message: MessageSummary): RuleAction | 'notify' {
  return rules.find((rule) => ruleMatches(rule, message))?.action ?? 'notify';
}
