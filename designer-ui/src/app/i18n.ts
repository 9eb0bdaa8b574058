import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES, MESSAGE_KEYS, type MessageKey } from './messages';

/** The languages the designer speaks. The first one is the fallback for labels. */
export const LOCALES = ['zh-CN', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, shown in the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export type { MessageKey };
export { MESSAGE_KEYS };

const STORAGE_KEY = 'tessera.locale';

/** i18next resources built from the one message table (so both languages always have every key). */
export function resources(): Record<Locale, { translation: Record<MessageKey, string> }> {
  const pick = (locale: Locale) =>
    Object.fromEntries(MESSAGE_KEYS.map((k) => [k, MESSAGES[k][locale]])) as Record<MessageKey, string>;
  return { 'zh-CN': { translation: pick('zh-CN') }, en: { translation: pick('en') } };
}

/** A ready i18next instance in `locale`; the app has one, tests make their own. */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: resources(),
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

/** The saved choice, else the browser's language. */
export function initialLocale(): Locale {
  const saved = safeStorage()?.getItem(STORAGE_KEY);
  return isLocale(saved) ? saved : detectLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

/** Switches the language, remembers it and tells assistive technology through `<html lang>`. */
export function changeLocale(instance: I18n, locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  void instance.changeLanguage(locale);
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Chinese for any `zh*` browser language, otherwise English. */
export function detectLocale(browserLanguage: string | undefined): Locale {
  return browserLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The current language of an i18next instance as a supported locale. */
export function localeOf(instance: I18n): Locale {
  return isLocale(instance.language) ? instance.language : detectLocale(instance.language);
}

/** A localized label from a definition (`{"zh-CN": ..., "en": ...}`), falling back sensibly. */
export function localized(
  label: Partial<Record<string, string>> | undefined | null,
  locale: Locale,
  fallback: string,
): string {
  if (!label) {
    return fallback;
  }
  const candidates = [label[locale], ...LOCALES.map((l) => label[l]), ...Object.values(label)];
  return candidates.find((text): text is string => typeof text === 'string' && text.trim() !== '') ?? fallback;
}
