import type { MessageSummary } from '../shared/mail';
import { ConditionOp, RuleAction, ruleMatches, type Condition, type Rule } from '../shared/rules';
import { t } from '../ui/i18n';
import { plural } from '../ui/plural';
import { displayText } from '../ui/sanitize';
import {
  fieldChoice,
  NAMED_FIELDS,
  newCondition,
  newRule,
  removeAt,
  replaceAt,
  ruleProblem,
  withFieldChoice,
  type FieldChoice,
} from './rules-model';
import { localize } from './schema-messages';

interface Props {
  /** Makes element ids unique on the page (global rules and an account's rules). */
  idPrefix: string;
  rules: Rule[];
  /** The current unseen headers, for the live "would match" line. */
  messages: readonly MessageSummary[];
  onChange: (rules: Rule[]) => void;
}

const FIELD_CHOICES: readonly FieldChoice[] = [...NAMED_FIELDS, 'header'];
/** How many matching subjects the preview names. */
const SHOWN_MATCHES = 3;

/** Rules as the user edits them: every problem inline, every valid rule previewed on real headers. */
export function RulesEditor({ idPrefix, rules, messages, onChange }: Props) {
  return (
    <div class="rules">
      {rules.length === 0 && <p class="muted">{t('rules_none')}</p>}
      {rules.map((rule, index) => (
        <RuleBox
          key={index}
          id={`${idPrefix}-${index}`}
          number={index + 1}
          rule={rule}
          messages={messages}
          onChange={(next) => onChange(replaceAt(rules, index, next))}
          onRemove={() => onChange(removeAt(rules, index))}
        />
      ))}
      <button type="button" onClick={() => onChange([...rules, newRule()])}>
        {t('rules_add')}
      </button>
    </div>
  );
}

interface RuleProps {
  id: string;
  number: number;
  rule: Rule;
  messages: readonly MessageSummary[];
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}

function RuleBox({ id, number, rule, messages, onChange, onRemove }: RuleProps) {
  const problem = ruleProblem(rule);
  const setCondition = (index: number, condition: Condition): void =>
    onChange({ ...rule, conditions: replaceAt(rule.conditions, index, condition) });
  return (
    <fieldset class="rule" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{t('rules_ruleNumber', String(number))}</legend>
      <div class="rule-line">
        <label for={`${id}-name`}>{t('rules_name')}</label>
        <input
          id={`${id}-name`}
          value={rule.name}
          onInput={(event) => onChange({ ...rule, name: event.currentTarget.value })}
        />
        <label for={`${id}-match`}>{t('rules_match')}</label>
        <select
          id={`${id}-match`}
          value={rule.match}
          onChange={(event) => onChange({ ...rule, match: event.currentTarget.value === 'all' ? 'all' : 'any' })}
        >
          <option value="any">{t('rules_match_any')}</option>
          <option value="all">{t('rules_match_all')}</option>
        </select>
      </div>
      <ol class="conditions">
        {rule.conditions.map((condition, index) => (
          <ConditionRow
            key={index}
            id={`${id}-c${index}`}
            condition={condition}
            invalid={problem?.condition === index}
            onChange={(next) => setCondition(index, next)}
            onRemove={
              rule.conditions.length > 1
                ? () => onChange({ ...rule, conditions: removeAt(rule.conditions, index) })
                : undefined
            }
          />
        ))}
      </ol>
      <div class="rule-line">
        <button type="button" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, newCondition()] })}>
          {t('rules_addCondition')}
        </button>
        <label for={`${id}-action`}>{t('rules_action')}</label>
        <select
          id={`${id}-action`}
          value={rule.action}
          onChange={(event) => onChange({ ...rule, action: RuleAction.parse(event.currentTarget.value) })}
        >
          {RuleAction.options.map((action) => (
            <option key={action} value={action}>
              {t(`rules_action_${action}`)}
            </option>
          ))}
        </select>
        <button type="button" class="danger" onClick={onRemove}>
          {t('rules_remove')}
        </button>
      </div>
      {problem ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {ruleMessage(problem.message)}
        </p>
      ) : (
        <MatchPreview rule={rule} messages={messages} />
      )}
    </fieldset>
  );
}

/** validateRule speaks English; a bad regex carries the engine's own detail after a fixed prefix. */
const REGEX_PREFIX = 'This is not a valid regular expression: ';
function ruleMessage(message: string): string {
  return message.startsWith(REGEX_PREFIX) ? t('rules_badRegex', message.slice(REGEX_PREFIX.length)) : localize(message);
}

interface ConditionProps {
  id: string;
  condition: Condition;
  invalid: boolean;
  onChange: (condition: Condition) => void;
  onRemove: (() => void) | undefined;
}

function ConditionRow({ id, condition, invalid, onChange, onRemove }: ConditionProps) {
  const choice = fieldChoice(condition.field);
  return (
    <li class="condition">
      <label class="visually-hidden" for={`${id}-field`}>
        {t('rules_field')}
      </label>
      <select
        id={`${id}-field`}
        value={choice}
        onChange={(event) => onChange(withFieldChoice(condition, event.currentTarget.value as FieldChoice))}
      >
        {FIELD_CHOICES.map((value) => (
          <option key={value} value={value}>
            {t(`rules_field_${value}`)}
          </option>
        ))}
      </select>
      {choice === 'header' && (
        <input
          aria-label={t('rules_headerName')}
          placeholder="X-Spam-Flag"
          spellcheck={false}
          value={condition.field}
          onInput={(event) => onChange({ ...condition, field: event.currentTarget.value })}
        />
      )}
      <label class="visually-hidden" for={`${id}-op`}>
        {t('rules_op')}
      </label>
      <select
        id={`${id}-op`}
        value={condition.op}
        onChange={(event) => onChange({ ...condition, op: ConditionOp.parse(event.currentTarget.value) })}
      >
        {ConditionOp.options.map((op) => (
          <option key={op} value={op}>
            {t(`rules_op_${op}`)}
          </option>
        ))}
      </select>
      {condition.op !== 'present' && (
        <input
          aria-label={t('rules_value')}
          aria-invalid={invalid ? 'true' : undefined}
          spellcheck={false}
          value={condition.value}
          onInput={(event) => onChange({ ...condition, value: event.currentTarget.value })}
        />
      )}
      {onRemove && (
        <button type="button" class="link" onClick={onRemove}>
          {t('rules_removeCondition')}
        </button>
      )}
    </li>
  );
}

/** The live preview of a valid rule (RuleBox shows it only when ruleProblem found nothing). */
function MatchPreview({ rule, messages }: { rule: Rule; messages: readonly MessageSummary[] }) {
  if (messages.length === 0) return <p class="hint">{t('rules_previewNoMail')}</p>;
  const matched = messages.filter((message) => ruleMatches(rule, message));
  const names = matched
    .slice(0, SHOWN_MATCHES)
    .map((message) => displayText(message.subject, 60) || t('popup_noSubject'));
  return (
    <p class="hint" role="status">
      {plural('rules_wouldMatch', messages.length, [matched.length, messages.length])}
      {names.length > 0 && `: ${names.join(' · ')}`}
    </p>
  );
}
