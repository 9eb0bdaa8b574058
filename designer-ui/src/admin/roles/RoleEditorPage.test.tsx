import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { GraphQLClient } from '../../api/graphql';
import { renderWithApp } from '../../test-utils';
import RoleEditorPage from './RoleEditorPage';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const customer = {
  kind: 'entity',
  name: 'customer',
  label: label('客户', 'Customer'),
  fields: [
    { name: 'name', type: 'text', label: label('名称', 'Name') },
    { name: 'phone', type: 'phone', label: label('手机', 'Phone') },
  ],
};

function stub(drafts: unknown[] = []) {
  const saved: unknown[] = [];
  const request = vi.fn(async (query: string, variables?: Record<string, unknown>) => {
    if (query.includes('query Drafts')) return { metadataDrafts: drafts };
    if (query.includes('query Roles')) return { definitions: [] };
    if (query.includes('query Metadata')) return { metadataVersion: 2, definitions: [customer], entityApis: [] };
    if (query.includes('query ExpressionFunctions')) return { expressionFunctions: [] };
    if (query.includes('query Notifications')) return { notifications: [] };
    if (query.includes('mutation SaveDraft')) {
      saved.push(variables!.definition);
      return {
        saveMetadataDraft: {
          key: 'role:support',
          kind: 'role',
          name: 'support',
          definition: variables!.definition,
          baseVersion: 2,
          revision: 1,
          updatedAt: '2026-12-07T10:00:00Z',
          updatedBy: 'admin',
        },
      };
    }
    throw new Error(`unexpected ${query}`);
  });
  return { client: { request } as unknown as GraphQLClient, saved };
}

function renderAt(client: GraphQLClient, key: string) {
  renderWithApp(
    <Routes>
      <Route path="/admin/roles/:key" element={<RoleEditorPage />} />
    </Routes>,
    { client, locale: 'en', route: `/admin/roles/${key}` },
  );
}

describe('role editor', () => {
  it('saves the grid as a role definition draft: rights, scope, a hidden field and a capability', async () => {
    const { client, saved } = stub();
    renderAt(client, 'new');
    fireEvent.change(await screen.findByLabelText('API name'), { target: { value: 'support' } });
    fireEvent.change(screen.getByLabelText('Chinese label'), { target: { value: '客服' } });
    fireEvent.change(screen.getByLabelText('English label'), { target: { value: 'Support' } });
    fireEvent.click(screen.getByLabelText('Customer: Read'));
    fireEvent.click(screen.getByLabelText('Customer: Update'));
    fireEvent.change(screen.getByLabelText('Customer: Records'), { target: { value: 'team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fields (0 set)' }));
    fireEvent.change(screen.getByLabelText(/Phone/), { target: { value: 'none' } });
    fireEvent.click(screen.getByLabelText('Manage pools'));
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      kind: 'role',
      name: 'support',
      label: { 'zh-CN': '客服', en: 'Support' },
      entities: {
        customer: { create: false, read: true, update: true, delete: false, scope: 'team', fields: { phone: 'none' } },
      },
      capabilities: ['managePools'],
    });
  });

  it('opens a draft with an expression scope in the expression editor', async () => {
    const definition = {
      kind: 'role',
      name: 'regional',
      label: label('区域', 'Regional'),
      entities: { customer: { read: true, scope: { expression: 'owner == currentUser' } } },
    };
    const draft = {
      key: 'role:regional',
      kind: 'role',
      name: 'regional',
      definition,
      baseVersion: 2,
      revision: 3,
      updatedAt: '2026-12-07T10:00:00Z',
      updatedBy: 'admin',
    };
    const { client } = stub([draft]);
    renderAt(client, 'role%3Aregional');
    expect(((await screen.findByLabelText('Customer: Records')) as HTMLSelectElement).value).toBe('expression');
    expect(screen.getByRole('textbox', { name: 'Customer: By expression' }).textContent).toBe('owner == currentUser');
  });
});
