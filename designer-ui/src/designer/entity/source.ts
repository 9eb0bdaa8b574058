import type { EntityDefinition } from '../../metamodel';
import { newEntity } from './entity-model';
import type { Draft } from './useDrafts';

/** What an editor URL opens: a definition and, when it is a draft, the draft it came from. */
export interface EditorSource {
  definition: EntityDefinition;
  draft?: Draft;
}

/** The route key of a published entity's editor. */
export function publishedKey(name: string): string {
  return `published:${name}`;
}

/**
 * Resolves an editor key: `new`, a draft's key, or `published:<name>`. A published entity that has
 * a draft opens the draft, so nobody edits past someone else's unpublished work. A draft key whose
 * draft is gone (it was just published) opens what was published from it.
 */
export function resolveSource(
  key: string,
  drafts: readonly Draft[],
  entities: readonly EntityDefinition[],
): EditorSource | undefined {
  if (key === 'new') {
    return { definition: newEntity() };
  }
  const draft = drafts.find((d) => d.key === key);
  if (draft) {
    return { definition: draft.definition as EntityDefinition, draft };
  }
  const published = publishedFor(key, entities);
  if (published) {
    return { definition: published };
  }
  if (key.startsWith('published:')) {
    const entity = entities.find((e) => e.name === key.slice('published:'.length));
    if (!entity) {
      return undefined;
    }
    const pending = drafts.find((d) => (entity.id && d.key === `id:${entity.id}`) || d.key === `entity:${entity.name}`);
    return pending ? { definition: pending.definition as EntityDefinition, draft: pending } : { definition: entity };
  }
  return undefined;
}

/** The published entity a vanished draft's key (`entity:<name>` or `id:<id>`) stood for. */
function publishedFor(key: string, entities: readonly EntityDefinition[]): EntityDefinition | undefined {
  if (key.startsWith('entity:')) {
    return entities.find((e) => e.name === key.slice('entity:'.length));
  }
  if (key.startsWith('id:')) {
    return entities.find((e) => e.id === key.slice('id:'.length));
  }
  return undefined;
}
