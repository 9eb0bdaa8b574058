import type { EntityDefinition, Field } from '../../metamodel';

/** The fields of the built-in `user` entity the admin screen shows and edits, when the metadata has them. */
export const USER_FIELDS = ['username', 'name', 'email', 'phone', 'status', 'roles'] as const;

/** A user record as the admin screen reads it. */
export interface UserRow {
  id: string;
  version: number;
  username: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  status: string;
  roles?: unknown;
}

/** What the create and edit forms hold. */
export interface UserDraft {
  username: string;
  name: string;
  email: string;
  phone: string;
  status: string;
  roles: string[];
}

/** The user entity's fields this screen uses, in its order; `roles` only once the server has the field. */
export function adminFields(user: EntityDefinition): Field[] {
  return USER_FIELDS.flatMap((name) => user.fields.filter((f) => f.name === name));
}

export function hasRoles(user: EntityDefinition): boolean {
  return user.fields.some((f) => f.name === 'roles');
}

/** A `roles` value as role names, whether the field stores a list or comma-separated text. */
export function roleNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

export function emptyUser(): UserDraft {
  return { username: '', name: '', email: '', phone: '', status: 'active', roles: [] };
}

export function draftOf(row: UserRow): UserDraft {
  return {
    username: row.username,
    name: row.name,
    email: row.email ?? '',
    phone: row.phone ?? '',
    status: row.status,
    roles: roleNames(row.roles),
  };
}

/**
 * The create input or update patch of a form: blank optional text is sent as null, `roles` only when
 * the entity has it (as a list, or comma-separated text when the field is text), the username only on create.
 */
export function userInput(
  draft: UserDraft,
  user: EntityDefinition,
  mode: 'create' | 'update',
): Record<string, unknown> {
  const input: Record<string, unknown> = {
    name: draft.name,
    email: draft.email.trim() === '' ? null : draft.email.trim(),
    status: draft.status,
  };
  if (user.fields.some((f) => f.name === 'phone')) input.phone = draft.phone.trim() === '' ? null : draft.phone.trim();
  if (mode === 'create') input.username = draft.username.trim();
  const roles = user.fields.find((f) => f.name === 'roles');
  if (roles) input.roles = roles.type === 'text' || roles.type === 'longText' ? draft.roles.join(',') : draft.roles;
  return input;
}
