import type { RoleDefinition } from '../../metamodel';

/** Which records an entity's rights reach; `expression` keeps its text in {@link EntityRights.expression}. */
export type ScopeChoice = 'own' | 'team' | 'all' | 'expression';

/** A field's level; `default` is not stored (the field follows the entity's rights). */
export type FieldLevel = 'default' | 'none' | 'read' | 'write';

/** One row of the rights grid. */
export interface EntityRights {
  entity: string;
  create: boolean;
  read: boolean;
  update: boolean;
  delete: boolean;
  scope: ScopeChoice;
  /** The scope expression, kept while another scope is picked so switching back loses nothing. */
  expression: string;
  /** Only fields set to something other than the default. */
  fields: Record<string, Exclude<FieldLevel, 'default'>>;
}

/** What the role editor edits: a role definition as a grid with one row per entity. */
export interface RoleForm {
  id?: string;
  name: string;
  label: { [locale: string]: string };
  description?: { [locale: string]: string };
  entities: EntityRights[];
  capabilities: string[];
}

/** The capabilities the role kind knows (RoleDefinition.Capability on the server). */
export const CAPABILITIES = ['publishMetadata', 'installPacks', 'manageUsers', 'managePools'] as const;

export const ACTIONS = ['create', 'read', 'update', 'delete'] as const;

export type Action = (typeof ACTIONS)[number];

type EntityAccess = NonNullable<RoleDefinition['entities']>[string];

export function newRole(): RoleDefinition {
  return { kind: 'role', name: '', label: { 'zh-CN': '', en: '' } };
}

function emptyRights(entity: string): EntityRights {
  return { entity, create: false, read: false, update: false, delete: false, scope: 'own', expression: '', fields: {} };
}

function rightsOf(entity: string, access: EntityAccess): EntityRights {
  const scope = access.scope ?? 'own';
  return {
    entity,
    create: access.create ?? false,
    read: access.read ?? false,
    update: access.update ?? false,
    delete: access.delete ?? false,
    scope: typeof scope === 'string' ? scope : 'expression',
    expression: typeof scope === 'string' ? '' : scope.expression,
    fields: { ...(access.fields ?? {}) },
  };
}

/**
 * The grid of a definition: one row per entity of the metadata (in its order), then any entity the
 * definition names that the metadata does not have (kept, so saving never drops a right silently).
 */
export function toRoleForm(definition: RoleDefinition, entityNames: readonly string[]): RoleForm {
  const listed = definition.entities ?? {};
  const names = [...entityNames, ...Object.keys(listed).filter((n) => !entityNames.includes(n))];
  return {
    ...(definition.id !== undefined ? { id: definition.id } : {}),
    name: definition.name,
    label: { ...definition.label },
    ...(definition.description ? { description: { ...definition.description } } : {}),
    entities: names.map((n) => (listed[n] ? rightsOf(n, listed[n]) : emptyRights(n))),
    capabilities: [...(definition.capabilities ?? [])],
  };
}

/** True when a row grants or restricts anything (a row that does neither is left out of the definition). */
export function isListed(rights: EntityRights): boolean {
  return ACTIONS.some((a) => rights[a]) || Object.keys(rights.fields).length > 0;
}

/**
 * The definition the grid means: each row that grants or restricts something, with its four rights
 * and its scope written out (a permission reads best explicit) and only the fields not left at the
 * default; capabilities only when there are some.
 */
export function toRoleDefinition(form: RoleForm): RoleDefinition {
  const entities: Record<string, EntityAccess> = {};
  for (const rights of form.entities.filter(isListed)) {
    const access: EntityAccess = {
      create: rights.create,
      read: rights.read,
      update: rights.update,
      delete: rights.delete,
      scope: rights.scope === 'expression' ? { expression: rights.expression } : rights.scope,
    };
    if (Object.keys(rights.fields).length > 0) access.fields = { ...rights.fields };
    entities[rights.entity] = access;
  }
  return {
    kind: 'role',
    ...(form.id !== undefined ? { id: form.id } : {}),
    name: form.name,
    label: { ...form.label },
    ...(form.description ? { description: { ...form.description } } : {}),
    ...(Object.keys(entities).length > 0 ? { entities } : {}),
    ...(form.capabilities.length > 0 ? { capabilities: [...form.capabilities] } : {}),
  };
}

/** Sets one field's level; `default` removes it from the row. */
export function withFieldLevel(rights: EntityRights, field: string, level: FieldLevel): EntityRights {
  const fields = { ...rights.fields };
  if (level === 'default') delete fields[field];
  else fields[field] = level;
  return { ...rights, fields };
}

/** Adds or removes a capability, keeping the known ones in their usual order. */
export function withCapability(capabilities: readonly string[], capability: string, on: boolean): string[] {
  const set = new Set(capabilities);
  if (on) set.add(capability);
  else set.delete(capability);
  const known = CAPABILITIES.filter((c) => set.has(c));
  return [...known, ...[...set].filter((c) => !(CAPABILITIES as readonly string[]).includes(c))];
}

/**
 * Where a publish problem of a role belongs: `entity:<name>` for a path into one entity's rights
 * (`$[0].entities.customer.scope`, `$[0].entities["customer"].fields.phone`), else `role`.
 */
export function roleProblemKey(path: string): string {
  const m = /\.entities(?:\.([A-Za-z_][\w]*)|\["([^"]+)"\]|\['([^']+)'\])/.exec(path);
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  return name ? `entity:${name}` : 'role';
}
