/** The languages the designer speaks. The first one is the fallback for labels. */
export const LOCALES = ['zh-CN', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, shown in the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/**
 * Every UI string, keyed by message, with one text per locale. The `satisfies` clause makes a
 * missing translation a compile error; `{name}` placeholders are filled by {@link t}.
 */
const MESSAGES = {
  appTitle: { 'zh-CN': 'Tessera 设计器', en: 'Tessera Designer' },
  appTagline: { 'zh-CN': '低代码 CRM 平台的元数据设计器', en: 'Metadata designer of the low-code CRM platform' },
  language: { 'zh-CN': '语言', en: 'Language' },
  metadataVersion: { 'zh-CN': '元数据版本 {version}', en: 'Metadata version {version}' },
  loading: { 'zh-CN': '正在加载…', en: 'Loading…' },
  errorNetwork: { 'zh-CN': '无法连接到服务器', en: 'Cannot reach the server' },
  errorServer: { 'zh-CN': '服务器返回了错误', en: 'The server returned an error' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  openGraphiql: { 'zh-CN': '打开 GraphiQL', en: 'Open GraphiQL' },
  graphiqlHint: {
    'zh-CN': '在 GraphiQL 中浏览文档并试用 GraphQL API',
    en: 'Browse the docs and try the GraphQL API in GraphiQL',
  },
  entitiesHeading: { 'zh-CN': '已发布的实体（{count}）', en: 'Published entities ({count})' },
  noEntities: { 'zh-CN': '还没有发布任何实体。', en: 'No entities have been published yet.' },
  apiName: { 'zh-CN': 'API 名称', en: 'API name' },
  fieldCount: { 'zh-CN': '字段数：{count}', en: 'Fields: {count}' },
  fieldLabel: { 'zh-CN': '标签', en: 'Label' },
  fieldName: { 'zh-CN': 'API 名称', en: 'API name' },
  fieldType: { 'zh-CN': '类型', en: 'Type' },
  required: { 'zh-CN': '必填', en: 'required' },
  queryInGraphiql: { 'zh-CN': '在 GraphiQL 中查询', en: 'Query in GraphiQL' },
  sampleQueryComment: { 'zh-CN': '{label}：前 10 条记录', en: '{label}: the first 10 records' },
  backToDesigner: { 'zh-CN': '← 返回设计器', en: '← Back to the designer' },
  graphiqlWelcome: {
    'zh-CN': '欢迎使用 Tessera GraphQL API。按 Ctrl-Enter 运行查询，按 F1 查看命令。',
    en: 'Welcome to the Tessera GraphQL API. Press Ctrl-Enter to run a query, F1 for commands.',
  },
  loadingGraphiql: { 'zh-CN': '正在加载 GraphiQL…', en: 'Loading GraphiQL…' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export const MESSAGE_KEYS = Object.keys(MESSAGES) as MessageKey[];

/** The text of `key` in `locale`, with `{name}` placeholders replaced from `vars`. */
export function t(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Chinese for any `zh*` browser language, otherwise English. */
export function detectLocale(browserLanguage: string | undefined): Locale {
  return browserLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A localized label from a definition (`{"zh-CN": ..., "en": ...}`), falling back sensibly. */
export function localized(label: Partial<Record<string, string>> | undefined, locale: Locale, fallback: string): string {
  if (!label) {
    return fallback;
  }
  const candidates = [label[locale], ...LOCALES.map((l) => label[l]), ...Object.values(label)];
  return candidates.find((text): text is string => typeof text === 'string' && text.trim() !== '') ?? fallback;
}
