/** A localized text as definitions carry it: `{"zh-CN": "客户", "en": "Customer"}`. */
export type LocalizedText = Partial<Record<string, string>>;

/** The parts of a published field definition the designer shows. */
export interface FieldSummary {
  name: string;
  type: string;
  label?: LocalizedText;
  required: boolean;
}

/** The parts of a published entity definition the designer shows. */
export interface EntitySummary {
  name: string;
  pluralName?: string;
  label?: LocalizedText;
  fields: FieldSummary[];
}

/**
 * Reads the `definitions` JSON scalars into summaries, skipping anything that is not an entity with
 * a name: the server owns the schema, so the UI tolerates extra or missing optional properties.
 */
export function toEntitySummaries(definitions: readonly unknown[]): EntitySummary[] {
  return definitions.flatMap((d) => {
    if (!isObject(d) || typeof d.name !== 'string' || (d.kind !== undefined && d.kind !== 'entity')) {
      return [];
    }
    const fields = Array.isArray(d.fields) ? d.fields.flatMap(toField) : [];
    const entity: EntitySummary = { name: d.name, label: toText(d.label), fields };
    if (typeof d.pluralName === 'string' && d.pluralName.trim() !== '') {
      entity.pluralName = d.pluralName;
    }
    return [entity];
  });
}

function toField(f: unknown): FieldSummary[] {
  if (!isObject(f) || typeof f.name !== 'string') {
    return [];
  }
  const type = typeof f.type === 'string' ? f.type : 'unknown';
  return [{ name: f.name, type, label: toText(f.label), required: f.required === true }];
}

function toText(value: unknown): LocalizedText | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return Object.fromEntries(entries);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields shown in a sample query; more would make the sample hard to read. */
const SAMPLE_FIELD_LIMIT = 6;

/**
 * A ready-to-run list query for GraphiQL, on the list field the server names (`entityApis.list`). Reference fields resolve to the target record, so they
 * select its `id`; every other field type is a leaf value.
 */
export function sampleListQuery(entity: EntitySummary, listName: string, comment?: string): string {
  const selections = entity.fields
    .slice(0, SAMPLE_FIELD_LIMIT)
    .map((f) => (f.type === 'reference' ? `${f.name} { id }` : f.name));
  const node = ['id', ...selections].map((s) => `        ${s}`).join('\n');
  const header = comment ? `# ${comment.replace(/[\r\n]+/g, ' ')}\n` : '';
  return `${header}{
  ${listName}(first: 10) {
    totalCount
    edges {
      node {
${node}
      }
    }
  }
}
`;
}

/** Link to the GraphiQL page with `query` as its initial query. */
export function graphiqlHref(query?: string): string {
  return query ? `/graphiql?${new URLSearchParams({ query }).toString()}` : '/graphiql';
}
