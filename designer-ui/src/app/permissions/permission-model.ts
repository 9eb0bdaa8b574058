import type { MyPermissionsQuery, RecordPermissionsQuery } from '../../api/generated';
import type { Metadata } from '../../api/metadata';
import type { EntityDefinition } from '../../metamodel';

/** What the signed-in user may do, as the server's `myPermissions` reports it (the policy it enforces). */
export type MyPermissions = NonNullable<MyPermissionsQuery['myPermissions']>;
/** What the user may do with one record (`recordPermissions`). */
export type RecordRights = NonNullable<RecordPermissionsQuery['recordPermissions']>;

/** Platform rights outside records, as role definitions name them. */
export type Capability = 'publishMetadata' | 'installPacks' | 'manageUsers' | 'managePools';

/** Whether the user holds a capability (administrators hold all). */
export function hasCapability(p: MyPermissions | undefined, capability: Capability): boolean {
  return p !== undefined && (p.admin || p.capabilities.includes(capability));
}

/** Which parts of the app's navigation the user may use: the server refuses the rest. */
export interface Navigation {
  /** Entity, form and rule designers, version history and rollback: every change goes through a publish. */
  designer: boolean;
  /** Users and their passwords. */
  users: boolean;
  /** Roles are published metadata, edited as drafts like the other definitions. */
  roles: boolean;
  /** API keys are managed with the users. */
  apiKeys: boolean;
}

export function navigation(p: MyPermissions | undefined): Navigation {
  const publish = hasCapability(p, 'publishMetadata');
  const users = hasCapability(p, 'manageUsers');
  return { designer: publish, users, roles: publish, apiKeys: users };
}

/**
 * The user's rights on an entity's records (on some records: the record scope decides which; a
 * record's own rights come from {@link recordAccess}) and which of its fields it reads and writes.
 */
export interface EntityAccess {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Restoring from the recycle bin needs the right to delete the record. */
  restore: boolean;
  /** An import creates records. */
  import: boolean;
  /** A merge updates the kept record and deletes the others. */
  merge: boolean;
  readable: ReadonlySet<string>;
  writable: ReadonlySet<string>;
}

function access(
  entity: EntityDefinition,
  rights: { read: boolean; create: boolean; update: boolean; delete: boolean },
  readable: ReadonlySet<string>,
  writable: ReadonlySet<string>,
): EntityAccess {
  return {
    ...rights,
    restore: rights.delete,
    import: rights.create,
    merge: rights.update && rights.delete,
    readable: new Set(entity.fields.map((f) => f.name).filter((n) => readable.has(n))),
    writable: new Set(entity.fields.map((f) => f.name).filter((n) => writable.has(n))),
  };
}

const NOTHING = { read: false, create: false, update: false, delete: false };

/** The user's rights on `entity`; nothing while the permissions are unknown or the entity is not listed. */
export function entityAccess(p: MyPermissions | undefined, entity: EntityDefinition): EntityAccess {
  const all = new Set(entity.fields.map((f) => f.name));
  if (p?.admin) return access(entity, { read: true, create: true, update: true, delete: true }, all, all);
  const rights = p?.entities.find((e) => e.entity === entity.name);
  if (!rights) return access(entity, NOTHING, new Set(), new Set());
  return access(
    entity,
    rights,
    new Set(rights.fields.filter((f) => f.read).map((f) => f.field)),
    new Set(rights.fields.filter((f) => f.write).map((f) => f.field)),
  );
}

/**
 * The user's rights on one stored record: its own update/delete and field rights when the server
 * reported them, the entity's otherwise (e.g. while they load). Creating stays the entity's right.
 */
export function recordAccess(entity: EntityDefinition, base: EntityAccess, rights: RecordRights | undefined): EntityAccess {
  if (!rights) return base;
  return access(
    entity,
    { read: rights.read, create: base.create, update: rights.update, delete: rights.delete },
    new Set(rights.fields.filter((f) => f.read).map((f) => f.field)),
    new Set(rights.fields.filter((f) => f.write).map((f) => f.field)),
  );
}

/**
 * The metadata as the user sees it: only entities it may read, each with only the fields it may read,
 * and only the related lists whose entity and reference it reads. The server's role-aware schema has
 * no other fields, so queries built from this metadata are valid for the user.
 */
export function visibleMetadata(m: Metadata, p: MyPermissions): Metadata {
  if (p.admin) return m;
  const entities = m.entities.flatMap((e) => {
    const a = entityAccess(p, e);
    return a.read ? [{ ...e, fields: e.fields.filter((f) => a.readable.has(f.name)) }] : [];
  });
  const byName = new Map(entities.map((e) => [e.name, e]));
  const apis = new Map(
    [...m.apis].flatMap(([name, api]) =>
      byName.has(name)
        ? [
            [
              name,
              {
                ...api,
                related: api.related.filter((r) => byName.get(r.entity)?.fields.some((f) => f.name === r.field)),
              },
            ] as const,
          ]
        : [],
    ),
  );
  return { version: m.version, entities, apis };
}
