import { validateRule, type Condition, type Rule } from '../shared/rules';

/**
 * The rules editor's logic, without a DOM: new rules and conditions, which field a condition's
 * select shows, and each rule's first problem.
 */

/** Fields with their own choice in the select; anything else is "another header". */
export const NAMED_FIELDS = ['from', 'to', 'subject'] as const;
export type FieldChoice = (typeof NAMED_FIELDS)[number] | 'header';

export function fieldChoice(field: string): FieldChoice {
  const lower = field.toLowerCase();
  return (NAMED_FIELDS as readonly string[]).includes(lower) ? (lower as FieldChoice) : 'header';
}

export const newCondition = (): Condition => ({ field: 'from', op: 'contains', value: '' });

export const newRule = (): Rule => ({ name: '', match: 'any', conditions: [newCondition()], action: 'ignore' });

/** Choosing "another header" starts with an empty name for the user to type. */
export function withFieldChoice(condition: Condition, choice: FieldChoice): Condition {
  return { ...condition, field: choice === 'header' ? '' : choice };
}

export interface RuleProblem {
  message: string;
  /** The condition the problem is in, when it is in one. */
  condition: number | undefined;
}

/** The rule's first problem (validateRule's English text), or undefined when it is valid. */
export function ruleProblem(rule: Rule): RuleProblem | undefined {
  const result = validateRule(rule);
  if (result.ok) return undefined;
  const [first, index] = result.path;
  return {
    message: result.message,
    condition: first === 'conditions' && typeof index === 'number' ? index : undefined,
  };
}

export const allValid = (rules: readonly Rule[]): boolean => rules.every((rule) => ruleProblem(rule) === undefined);

/** Replaces the item at `index` (rules and conditions are edited in place, by position). */
export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((old, i) => (i === index ? item : old));
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}
