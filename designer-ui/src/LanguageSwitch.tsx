import { LOCALE_NAMES, LOCALES, t, type Locale } from './i18n';

interface LanguageSwitchProps {
  locale: Locale;
  onChange: (locale: Locale) => void;
}

/** A two-button switch between the UI languages. */
export function LanguageSwitch({ locale, onChange }: LanguageSwitchProps) {
  return (
    <div className="language-switch" role="group" aria-label={t(locale, 'language')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          className={option === locale ? 'active' : undefined}
          onClick={() => onChange(option)}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
