import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { GraphQLClient } from '../../api/graphql';
import { renderWithApp } from '../../test-utils';
import UsersPage from './UsersPage';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function userEntity(withRoles: boolean) {
  return {
    kind: 'entity',
    name: 'user',
    label: label('用户', 'User'),
    fields: [
      { name: 'username', type: 'text', label: label('登录名', 'Username') },
      { name: 'name', type: 'text', label: label('姓名', 'Name') },
      { name: 'email', type: 'email', label: label('邮箱', 'Email') },
      {
        name: 'status',
        type: 'picklist',
        label: label('状态', 'Status'),
        options: [
          { value: 'active', label: label('在岗', 'Active') },
          { value: 'inactive', label: label('停用', 'Inactive') },
        ],
      },
      ...(withRoles ? [{ name: 'roles', type: 'multiPicklist', label: label('角色', 'Roles') }] : []),
    ],
  };
}

/** A client that answers by operation, recording every request. */
function server(withRoles: boolean, refusePasswords = 0) {
  const calls: Array<{ query: string; variables?: Record<string, unknown> }> = [];
  let refusals = refusePasswords;
  const request = vi.fn(async (query: string, variables?: Record<string, unknown>) => {
    calls.push({ query, variables });
    if (query.includes('setUserPassword') && refusals-- > 0) throw new Error('A password needs at least 12 characters');
    if (query.includes('query Metadata')) {
      return {
        metadataVersion: 3,
        definitions: [userEntity(withRoles)],
        entityApis: [
          {
            entity: 'user',
            typeName: 'User',
            single: 'user',
            list: 'users',
            create: 'createUser',
            update: 'updateUser',
            delete: 'deleteUser',
            related: [],
          },
        ],
      };
    }
    if (query.includes('query Roles'))
      return { definitions: [{ kind: 'role', name: 'sales', label: label('销售', 'Sales') }] };
    if (query.includes('WorkspaceList')) {
      return {
        rows: {
          totalCount: 1,
          nodes: [
            {
              id: 'u1',
              version: 2,
              username: 'admin',
              name: 'Administrator',
              email: null,
              status: 'active',
              ...(withRoles ? { roles: ['admin'] } : {}),
            },
          ],
        },
      };
    }
    if (query.includes('query Notifications')) return { notifications: [] };
    return { record: { id: 'u2', version: 1 }, setUserPassword: true };
  });
  return { client: { request } as unknown as GraphQLClient, calls };
}

describe('UsersPage', () => {
  it('lists users with their roles and creates one holding a role, with a first password', async () => {
    const { client, calls } = server(true);
    renderWithApp(<UsersPage />, { client, locale: 'en', route: '/admin/users' });
    const row = (await screen.findByText('Administrator')).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['admin', 'Administrator', '', 'Active', 'admin', 'Edit']);
    const listed = calls.find((c) => c.query.includes('WorkspaceList'))!;
    expect(listed.query).toContain('roles');
    expect(listed.variables).toMatchObject({ first: 100 });

    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'li' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '李雷' } });
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'secret-pass-1' } });
    fireEvent.click(screen.getByLabelText(/Sales/));
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(calls.some((c) => c.query.includes('setUserPassword'))).toBe(true));
    const created = calls.find((c) => c.query.includes('WorkspaceCreate'))!;
    expect(created.variables).toEqual({
      input: { username: 'li', name: '李雷', email: null, status: 'active', roles: ['sales'] },
    });
    expect(calls.find((c) => c.query.includes('setUserPassword'))!.variables).toEqual({
      username: 'li',
      password: 'secret-pass-1',
    });
  });

  it('works without a roles field and says roles cannot be assigned yet', async () => {
    const { client, calls } = server(false);
    renderWithApp(<UsersPage />, { client, locale: 'en', route: '/admin/users' });
    await screen.findByText('Administrator');
    expect(screen.getByText(/no roles field yet/)).toBeTruthy();
    expect(calls.find((c) => c.query.includes('WorkspaceList'))!.query).not.toContain('roles');
    fireEvent.click(screen.getByRole('button', { name: 'Edit admin' }));
    expect(screen.queryByRole('group', { name: 'Roles' })).toBeNull();
  });

  it('a refused first password keeps the stored user: saving again updates it and sets the password', async () => {
    const { client, calls } = server(false, 1);
    renderWithApp(<UsersPage />, { client, locale: 'en', route: '/admin/users' });
    await screen.findByText('Administrator');
    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'li' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '李雷' } });
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at least 12 characters');
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'long-enough-pass' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(calls.filter((c) => c.query.includes('setUserPassword'))).toHaveLength(2));
    expect(calls.filter((c) => c.query.includes('WorkspaceCreate'))).toHaveLength(1);
    expect(calls.find((c) => c.query.includes('WorkspaceUpdate'))!.variables).toMatchObject({ id: 'u2', version: 1 });
  });
});
