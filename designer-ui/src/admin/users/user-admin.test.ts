import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../metamodel';
import { adminFields, draftOf, hasRoles, roleNames, userInput } from './user-admin';

const USER: EntityDefinition = {
  kind: 'entity',
  name: 'user',
  label: { 'zh-CN': '用户', en: 'User' },
  fields: [
    { name: 'username', type: 'text', label: { 'zh-CN': '登录名', en: 'Username' } },
    { name: 'name', type: 'text', label: { 'zh-CN': '姓名', en: 'Name' } },
    { name: 'email', type: 'email', label: { 'zh-CN': '邮箱', en: 'Email' } },
    { name: 'status', type: 'picklist', label: { 'zh-CN': '状态', en: 'Status' } },
    { name: 'workingDays', type: 'multiPicklist', label: { 'zh-CN': '工作日', en: 'Working days' } },
  ],
} as EntityDefinition;

const WITH_ROLES = {
  ...USER,
  fields: [...USER.fields, { name: 'roles', type: 'multiPicklist', label: { 'zh-CN': '角色', en: 'Roles' } }],
} as EntityDefinition;

describe('user admin', () => {
  it('shows and sends roles only when the user entity has the field', () => {
    expect(hasRoles(USER)).toBe(false);
    expect(adminFields(USER).map((f) => f.name)).toEqual(['username', 'name', 'email', 'status']);
    const draft = { username: ' li ', name: '李雷', email: '', phone: '', status: 'active', roles: ['sales'] };
    expect(userInput(draft, USER, 'create')).toEqual({ username: 'li', name: '李雷', email: null, status: 'active' });
    expect(hasRoles(WITH_ROLES)).toBe(true);
    expect(adminFields(WITH_ROLES).map((f) => f.name)).toContain('roles');
    expect(userInput(draft, WITH_ROLES, 'update')).toEqual({
      name: '李雷',
      email: null,
      status: 'active',
      roles: ['sales'],
    });
  });

  it('reads roles stored as a list or as comma-separated text', () => {
    expect(roleNames(['sales', '', 'support'])).toEqual(['sales', 'support']);
    expect(roleNames('sales, support')).toEqual(['sales', 'support']);
    expect(roleNames(null)).toEqual([]);
    expect(
      draftOf({ id: '1', version: 1, username: 'li', name: '李雷', email: null, status: 'active', roles: ['sales'] })
        .roles,
    ).toEqual(['sales']);
  });

  it('sends roles as text when the field is text', () => {
    const textRoles = {
      ...USER,
      fields: [...USER.fields, { name: 'roles', type: 'text', label: { 'zh-CN': '角色', en: 'Roles' } }],
    } as EntityDefinition;
    const draft = {
      username: 'li',
      name: '李雷',
      email: 'li@example.com',
      phone: '',
      status: 'active',
      roles: ['a', 'b'],
    };
    expect(userInput(draft, textRoles, 'update').roles).toBe('a,b');
  });
});
