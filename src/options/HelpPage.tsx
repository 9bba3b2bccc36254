import { t } from '../ui/i18n';
import { answerKeys, HELP_TOPICS, linkKey, questionKey } from './help-topics';

/**
 * "About POP3 and Popbiff", shown in place of the settings at `#about`. Plain paragraphs from the
 * locale; each answer ends with links to the settings it talks about (OptionsPage opens them).
 */
export function HelpPage() {
  return (
    <main class="help">
      <h1>{t('help_title')}</h1>
      <p>{t('help_intro')}</p>
      <p>
        <a href="#settings">{t('help_back')}</a>
      </p>
      {HELP_TOPICS.map((topic) => (
        <section key={topic.id} aria-labelledby={`help-${topic.id}`}>
          <h2 id={`help-${topic.id}`}>{t(questionKey(topic))}</h2>
          {answerKeys(topic).map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
          <ul class="help-links">
            {topic.links.map((target) => (
              <li key={target}>
                <a href={`#${target}`}>{t(linkKey(target))}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
