import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** The control; it must carry `id`, and `describedBy(id, ...)` for its hint and error. */
  children: ComponentChildren;
}

const errorId = (id: string): string => `${id}-error`;
const hintId = (id: string): string => `${id}-hint`;

/** The ids a control should name in aria-describedby, so its hint and error are read with it. */
export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? hintId(id) : '', error ? errorId(id) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled form row with its hint and its inline error. */
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p id={hintId(id)} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
