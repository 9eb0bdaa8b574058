import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, localized, type Locale } from './i18n';

/** The current locale and a function that turns a definition's label into text in it. */
export function useLocale(): {
  locale: Locale;
  label: (text: Partial<Record<string, string>> | undefined | null, fallback: string) => string;
} {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const label = useCallback(
    (text: Partial<Record<string, string>> | undefined | null, fallback: string) => localized(text, locale, fallback),
    [locale],
  );
  return { locale, label };
}
