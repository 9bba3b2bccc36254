import { t } from '../ui/i18n';

interface Props {
  /** When the host runs it, e.g. "when you open your mail client". */
  title: string;
  argv: readonly string[];
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The exact program and arguments the host will run, one per line, before the host is told: a
 * command runs with all the user's rights, so the user sees what was typed, not a summary of it.
 */
export function CommandConfirm({ title, argv, onConfirm, onCancel }: Props) {
  return (
    <div class="command-confirm" role="alertdialog" aria-labelledby="command-confirm-title">
      <p id="command-confirm-title">
        <strong>{title}</strong>
      </p>
      <ol class="command-argv">
        {argv.map((arg, index) => (
          <li key={index}>
            <code>{arg}</code>
          </li>
        ))}
      </ol>
      <p class="hint">{t('command_confirmWhy')}</p>
      <div class="form-actions">
        <button type="button" class="primary" onClick={onConfirm}>
          {t('command_confirmRun')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('command_confirmCancel')}
        </button>
      </div>
    </div>
  );
}
