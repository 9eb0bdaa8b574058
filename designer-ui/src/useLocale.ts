import { useCallback, useEffect, useState } from 'react';
import { detectLocale, isLocale, type Locale } from './i18n';

const STORAGE_KEY = 'tessera.locale';

function initialLocale(): Locale {
  const saved = safeStorage()?.getItem(STORAGE_KEY);
  return isLocale(saved) ? saved : detectLocale(navigator.language);
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The chosen UI language: remembered in localStorage, first taken from the browser's language. */
export function useLocale(): [Locale, (locale: Locale) => void] {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    safeStorage()?.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);

  return [locale, setLocale];
}
