import { useTranslation } from 'react-i18next';
import { changeLocale, LOCALE_NAMES, LOCALES, localeOf } from './i18n';

/** A two-button switch between the UI languages; metadata labels follow the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          className={option === locale ? 'active' : undefined}
          onClick={() => changeLocale(i18n, option)}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
