import { describe, expect, it } from 'vitest';
import type { EntityApi, Metadata } from '../../api/metadata';
import type { EntityDefinition } from '../../metamodel';
import {
  entityAccess,
  hasCapability,
  navigation,
  recordAccess,
  visibleMetadata,
  type MyPermissions,
  type RecordRights,
} from './permission-model';

const label = { 'zh-CN': 'x', en: 'x' };
const customer: EntityDefinition = {
  kind: 'entity',
  name: 'customer',
  label,
  fields: [
    { name: 'name', type: 'text', label },
    { name: 'phone', type: 'phone', label },
    { name: 'annualSpend', type: 'money', label },
    { name: 'company', type: 'reference', target: 'company', label },
  ],
};
const company: EntityDefinition = { kind: 'entity', name: 'company', label, fields: [{ name: 'name', type: 'text', label }] };
const user: EntityDefinition = { kind: 'entity', name: 'user', label, fields: [{ name: 'username', type: 'text', label }] };

const field = (name: string, read: boolean, write: boolean) => ({ field: name, read, write });
/** A sales role: customers read and updated (not created or deleted), phone hidden, spend read only; companies read. */
const sales: MyPermissions = {
  user: 'lu',
  admin: false,
  capabilities: ['managePools'],
  entities: [
    {
      entity: 'customer',
      create: false,
      read: true,
      update: true,
      delete: false,
      fields: [field('name', true, true), field('phone', false, false), field('annualSpend', true, false), field('company', true, true)],
    },
    { entity: 'company', create: false, read: true, update: false, delete: false, fields: [field('name', true, false)] },
    { entity: 'user', create: false, read: false, update: false, delete: false, fields: [field('username', false, false)] },
  ],
};
const admin: MyPermissions = { user: 'admin', admin: true, capabilities: [], entities: [] };

const api = (entity: string, related: EntityApi['related'] = []): EntityApi => ({
  entity,
  typeName: entity,
  single: entity,
  list: `${entity}s`,
  deletedList: `deleted${entity}s`,
  aggregate: `${entity}Aggregate`,
  create: `create${entity}`,
  createMany: `create${entity}s`,
  importMany: `import${entity}s`,
  update: `update${entity}`,
  delete: `delete${entity}`,
  restore: `restore${entity}`,
  related,
});
const metadata: Metadata = {
  version: 7,
  entities: [company, customer, user],
  apis: new Map([
    ['company', api('company', [{ entity: 'customer', field: 'company', connection: 'customersByCompany' }])],
    ['customer', api('customer')],
    ['user', api('user')],
  ]),
};

describe('navigation', () => {
  it('opens designer, users, roles and keys to an administrator', () => {
    expect(navigation(admin)).toEqual({ designer: true, users: true, roles: true, apiKeys: true });
  });

  it('opens only what the capabilities grant', () => {
    expect(navigation(sales)).toEqual({ designer: false, users: false, roles: false, apiKeys: false });
    expect(navigation({ ...sales, capabilities: ['publishMetadata'] })).toEqual({
      designer: true,
      users: false,
      roles: true,
      apiKeys: false,
    });
    expect(navigation({ ...sales, capabilities: ['manageUsers'] })).toEqual({
      designer: false,
      users: true,
      roles: false,
      apiKeys: true,
    });
  });

  it('opens nothing while the permissions are unknown', () => {
    expect(navigation(undefined)).toEqual({ designer: false, users: false, roles: false, apiKeys: false });
    expect(hasCapability(undefined, 'managePools')).toBe(false);
    expect(hasCapability(sales, 'managePools')).toBe(true);
  });
});

describe('entityAccess', () => {
  it('maps the rights and derives restore, import and merge', () => {
    const a = entityAccess(sales, customer);
    expect([a.read, a.create, a.update, a.delete]).toEqual([true, false, true, false]);
    expect([a.restore, a.import, a.merge]).toEqual([false, false, false]);
    expect([...a.readable]).toEqual(['name', 'annualSpend', 'company']);
    expect([...a.writable]).toEqual(['name', 'company']);
  });

  it('gives an administrator everything, every field', () => {
    const a = entityAccess(admin, customer);
    expect([a.read, a.create, a.update, a.delete, a.restore, a.import, a.merge]).toEqual(Array(7).fill(true));
    expect(a.writable.size).toBe(4);
  });

  it('grants nothing on an entity the permissions do not list, or while they are unknown', () => {
    const other: EntityDefinition = { ...company, name: 'visit' };
    for (const a of [entityAccess(sales, other), entityAccess(undefined, customer)]) {
      expect([a.read, a.create, a.update, a.delete, a.restore, a.import, a.merge]).toEqual(Array(7).fill(false));
      expect(a.readable.size + a.writable.size).toBe(0);
    }
  });

  it('a merge needs both update and delete', () => {
    const both = { ...sales, entities: [{ ...sales.entities[0]!, delete: true }] };
    expect(entityAccess(both, customer).merge).toBe(true);
    expect(entityAccess(both, customer).restore).toBe(true);
  });
});

describe('recordAccess', () => {
  it("takes the record's own rights and fields, keeps the entity's create", () => {
    const base = entityAccess({ ...sales, entities: [{ ...sales.entities[0]!, create: true }] }, customer);
    const rights: RecordRights = {
      read: true,
      update: false,
      delete: false,
      fields: [field('name', true, false), field('phone', false, false), field('annualSpend', true, false), field('company', true, false)],
    };
    const a = recordAccess(customer, base, rights);
    expect([a.create, a.update, a.delete]).toEqual([true, false, false]);
    expect(a.writable.size).toBe(0);
    expect([...a.readable]).toEqual(['name', 'annualSpend', 'company']);
  });

  it("is the entity's while the record's rights are not known", () => {
    const base = entityAccess(sales, customer);
    expect(recordAccess(customer, base, undefined)).toBe(base);
  });
});

describe('visibleMetadata', () => {
  it('keeps readable entities with their readable fields, and related lists the user can read', () => {
    const seen = visibleMetadata(metadata, sales);
    expect(seen.version).toBe(7);
    expect(seen.entities.map((e) => e.name)).toEqual(['company', 'customer']);
    expect(seen.entities[1]!.fields.map((f) => f.name)).toEqual(['name', 'annualSpend', 'company']);
    expect([...seen.apis.keys()]).toEqual(['company', 'customer']);
    expect(seen.apis.get('company')!.related.map((r) => r.connection)).toEqual(['customersByCompany']);
  });

  it('drops a related list whose reference field is hidden', () => {
    const noCompany = {
      ...sales,
      entities: sales.entities.map((e) =>
        e.entity === 'customer' ? { ...e, fields: e.fields.map((f) => (f.field === 'company' ? field('company', false, false) : f)) } : e,
      ),
    };
    expect(visibleMetadata(metadata, noCompany).apis.get('company')!.related).toEqual([]);
  });

  it("leaves an administrator's metadata as it is", () => {
    expect(visibleMetadata(metadata, admin)).toBe(metadata);
  });
});
