import { describe, expect, it } from 'vitest';
import type { RoleDefinition } from '../../metamodel';
import {
  isListed,
  newRole,
  roleProblemKey,
  toRoleDefinition,
  toRoleForm,
  withCapability,
  withFieldLevel,
} from './role-model';

/** The minimal role issue 11 says must always be accepted. */
const SALES: RoleDefinition = {
  kind: 'role',
  name: 'sales',
  label: { 'zh-CN': '销售', en: 'Sales' },
  entities: {
    customer: {
      create: true,
      read: true,
      update: true,
      delete: false,
      scope: 'own',
      fields: { phone: 'none', annualSpend: 'read' },
    },
  },
};

const ENTITIES = ['customer', 'company', 'user'];

describe('role form <-> role definition', () => {
  it("the issue's sales role comes back unchanged", () => {
    expect(toRoleDefinition(toRoleForm(SALES, ENTITIES))).toEqual(SALES);
  });

  it('has one grid row per entity of the metadata, in its order, entities without rights granting nothing', () => {
    const form = toRoleForm(SALES, ENTITIES);
    expect(form.entities.map((e) => e.entity)).toEqual(['customer', 'company', 'user']);
    expect(form.entities[1]).toEqual({
      entity: 'company',
      create: false,
      read: false,
      update: false,
      delete: false,
      scope: 'own',
      expression: '',
      fields: {},
    });
    expect(form.entities.map(isListed)).toEqual([true, false, false]);
  });

  it('an expression scope, a description, an id, capabilities and an entity the metadata lacks round-trip', () => {
    const definition: RoleDefinition = {
      kind: 'role',
      id: 'r-1',
      name: 'regional',
      label: { 'zh-CN': '区域经理', en: 'Regional manager' },
      description: { 'zh-CN': '本区域', en: 'Own region' },
      entities: {
        customer: {
          create: false,
          read: true,
          update: true,
          delete: false,
          scope: { expression: 'owner == currentUser || region in currentUser.regions' },
        },
        legacyThing: { create: false, read: true, update: false, delete: false, scope: 'all' },
      },
      capabilities: ['publishMetadata', 'managePools'],
    };
    const form = toRoleForm(definition, ENTITIES);
    expect(form.entities.map((e) => e.entity)).toEqual([...ENTITIES, 'legacyThing']);
    expect(form.entities[0]!.scope).toBe('expression');
    expect(form.entities[0]!.expression).toBe('owner == currentUser || region in currentUser.regions');
    expect(toRoleDefinition(form)).toEqual(definition);
  });

  it('a sparse definition is written out explicitly (missing rights false, missing scope own)', () => {
    const sparse: RoleDefinition = {
      kind: 'role',
      name: 'viewer',
      label: { 'zh-CN': '只读', en: 'Viewer' },
      entities: { company: { read: true } },
    };
    expect(toRoleDefinition(toRoleForm(sparse, ENTITIES)).entities).toEqual({
      company: { create: false, read: true, update: false, delete: false, scope: 'own' },
    });
  });

  it('a grid edited by hand becomes the definition it shows', () => {
    const form = toRoleForm({ ...newRole(), name: 'support', label: { 'zh-CN': '客服', en: 'Support' } }, ENTITIES);
    const company = form.entities[1]!;
    form.entities[1] = withFieldLevel({ ...company, read: true, scope: 'team' }, 'name', 'write');
    form.entities[0] = { ...form.entities[0]!, read: true, scope: 'expression', expression: 'status == "open"' };
    form.capabilities = withCapability(form.capabilities, 'manageUsers', true);
    expect(toRoleDefinition(form)).toEqual({
      kind: 'role',
      name: 'support',
      label: { 'zh-CN': '客服', en: 'Support' },
      entities: {
        customer: {
          create: false,
          read: true,
          update: false,
          delete: false,
          scope: { expression: 'status == "open"' },
        },
        company: { create: false, read: true, update: false, delete: false, scope: 'team', fields: { name: 'write' } },
      },
      capabilities: ['manageUsers'],
    });
    // and back: the grid the definition makes is the grid that was edited (the hidden expression aside)
    expect(toRoleForm(toRoleDefinition(form), ENTITIES)).toEqual(form);
  });

  it('a field set back to the default leaves the definition; a row with only a hidden field stays', () => {
    const row = withFieldLevel(toRoleForm(newRole(), ['customer']).entities[0]!, 'phone', 'none');
    expect(isListed(row)).toBe(true);
    expect(withFieldLevel(row, 'phone', 'default').fields).toEqual({});
  });

  it('capabilities keep their usual order and unknown ones are kept', () => {
    expect(withCapability(['managePools', 'futureThing'], 'publishMetadata', true)).toEqual([
      'publishMetadata',
      'managePools',
      'futureThing',
    ]);
    expect(withCapability(['publishMetadata'], 'publishMetadata', false)).toEqual([]);
  });

  it("maps a problem's path to the entity row it concerns", () => {
    expect(roleProblemKey('$[0].entities.customer.scope')).toBe('entity:customer');
    expect(roleProblemKey('$[2].entities["customer"].fields.phone')).toBe('entity:customer');
    expect(roleProblemKey('$[0].capabilities[1]')).toBe('role');
    expect(roleProblemKey('$[0].name')).toBe('role');
  });
});
