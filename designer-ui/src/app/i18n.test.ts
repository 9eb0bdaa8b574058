import { describe, expect, it } from 'vitest';
import { createI18n, detectLocale, isLocale, localized, LOCALES, MESSAGE_KEYS, resources } from './i18n';

describe('i18n dictionary', () => {
  it('has a non-empty text in every locale for every key', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(10);
    const all = resources();
    for (const key of MESSAGE_KEYS) {
      for (const locale of LOCALES) {
        expect(all[locale].translation[key].trim(), `${key} in ${locale}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in every locale of a key', () => {
    const all = resources();
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of MESSAGE_KEYS) {
      expect(placeholders(all.en.translation[key]), key).toEqual(placeholders(all['zh-CN'].translation[key]));
    }
  });

  it('really translates, and i18next fills placeholders', () => {
    const zh = createI18n('zh-CN');
    const en = createI18n('en');
    expect(zh.t('appTitle')).toBe('Tessera 设计器');
    expect(en.t('appTitle')).toBe('Tessera Designer');
    expect(en.t('metadataVersion', { version: 4 })).toBe('Metadata version 4');
    expect(zh.t('fieldCount', { count: 3 })).toBe('字段数：3');
  });
});

describe('detectLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ])('maps %s to %s', (browser, expected) => {
    expect(detectLocale(browser)).toBe(expected);
  });
});

describe('isLocale', () => {
  it('accepts only the supported locales', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});

describe('localized', () => {
  const label = { 'zh-CN': '客户', en: 'Customer' };

  it('picks the requested locale', () => {
    expect(localized(label, 'zh-CN', 'customer')).toBe('客户');
    expect(localized(label, 'en', 'customer')).toBe('Customer');
  });

  it('falls back to another locale, then to any text, then to the fallback', () => {
    expect(localized({ 'zh-CN': '公司' }, 'en', 'company')).toBe('公司');
    expect(localized({ de: 'Firma' }, 'en', 'company')).toBe('Firma');
    expect(localized({ en: '  ' }, 'en', 'company')).toBe('company');
    expect(localized(undefined, 'en', 'company')).toBe('company');
  });
});
