import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { GraphQLRequestError } from '../api/graphql';
import { clientAnswering, clientAnsweringAs, renderWithApp } from '../test-utils';
import WorkspacePage from './WorkspacePage';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const lead = {
  kind: 'entity',
  name: 'lead',
  label: label('线索', 'Lead'),
  fields: [
    { name: 'name', type: 'text', label: label('名称', 'Name'), required: true },
    { name: 'amount', type: 'money', label: label('金额', 'Amount') },
    {
      name: 'stage',
      type: 'stage',
      label: label('阶段', 'Stage'),
      options: [{ value: 'won', label: label('赢单', 'Won') }],
    },
  ],
};
const metadata = {
  metadataVersion: 2,
  definitions: [lead],
  entityApis: [
    {
      entity: 'lead',
      typeName: 'Lead',
      single: 'lead',
      list: 'leads',
      create: 'createLead',
      update: 'updateLead',
      delete: 'deleteLead',
      related: [],
    },
  ],
};
const rows = {
  rows: {
    totalCount: 1,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: [{ id: 'r1', version: 1, name: '张三', amount: '1200.5', stage: 'won' }],
  },
};

/** A role that reads and updates leads (not create or delete), the amount hidden, the stage read only. */
const reviewer = {
  user: 'zhou',
  admin: false,
  capabilities: [],
  entities: [
    {
      entity: 'lead',
      create: false,
      read: true,
      update: true,
      delete: false,
      fields: [
        { field: 'name', read: true, write: true },
        { field: 'amount', read: false, write: false },
        { field: 'stage', read: true, write: false },
      ],
    },
  ],
};

function server(
  answers: Record<string, (v?: Record<string, unknown>) => unknown>,
  forms: unknown[] = [],
  permissions?: typeof reviewer,
) {
  const answer = async (query: string, variables?: Record<string, unknown>) => {
    if (query.includes('query Metadata')) return metadata;
    if (query.includes('query Forms')) return { definitions: forms };
    const op = Object.keys(answers).find((k) => query.includes(k));
    if (!op) throw new Error(`unexpected: ${query}`);
    return answers[op]!(variables);
  };
  return permissions ? clientAnsweringAs(permissions, answer) : clientAnswering(answer);
}

function open(client: ReturnType<typeof server>, route: string) {
  renderWithApp(
    <Routes>
      <Route path="/workspace/*" element={<WorkspacePage />} />
    </Routes>,
    { client, route },
  );
}

describe('WorkspacePage', () => {
  it('lists records with labels and formatted values, and filters through the registry', async () => {
    const client = server({ WorkspaceList: () => rows });
    open(client, '/workspace/lead');

    const table = await screen.findByTestId('record-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.trim()),
    ).toEqual(['名称', '金额', '阶段', '360°']);
    expect(
      within(table)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['张三', '1,200.50', '赢单', '360°']);

    fireEvent.change(screen.getByRole('searchbox', { name: '名称' }), { target: { value: '张' } });
    fireEvent.click(screen.getByRole('button', { name: '应用' }));
    await waitFor(() => {
      const last = vi.mocked(client.request).mock.calls.at(-1)!;
      expect(last[1]).toMatchObject({ filter: { name: { contains: '张' } }, first: 20 });
    });

    fireEvent.click(within(table).getByRole('button', { name: /金额/ }));
    await waitFor(() =>
      expect(vi.mocked(client.request).mock.calls.at(-1)![1]).toMatchObject({ orderBy: [{ amount: 'ASC' }] }),
    );
  });

  it("shows the server's validation errors at their fields, and a local one for a bad number", async () => {
    const refuse = vi.fn(async () => {
      throw new GraphQLRequestError('graphql', '名称为必填项', 200, [
        {
          message: '名称为必填项',
          extensions: {
            code: 'VALIDATION_FAILED',
            problems: [{ field: 'name', code: 'REQUIRED', message: '名称为必填项' }],
          },
        },
      ]);
    });
    open(server({ WorkspaceCreate: refuse }), '/workspace/lead/new');

    fireEvent.change(await screen.findByLabelText(/金额/), { target: { value: '12abc' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toBe('不是有效的数字');
    expect(refuse).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText(/金额/), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const error = await screen.findByText('名称为必填项');
    expect(error.closest('[data-field]')?.getAttribute('data-field')).toBe('name');
    expect(screen.getByLabelText(/名称/).getAttribute('aria-invalid')).toBe('true');
    expect(refuse).toHaveBeenCalledWith({ input: { name: null, amount: '12', stage: null } });
  });

  it('warns about likely duplicates while the user types', async () => {
    const check = vi.fn(async () => ({
      duplicateCandidates: [{ rule: 'sameName', action: 'block', id: 'a1b2c3d4-0000', score: 0.92, matched: ['name'] }],
    }));
    open(server({ DuplicateCandidates: check }), '/workspace/lead/new');

    fireEvent.change(await screen.findByLabelText(/名称/), { target: { value: '张三' } });

    const warning = await screen.findByTestId('duplicate-warning', {}, { timeout: 3000 });
    expect(warning.textContent).toContain('可能重复：1 条相似记录');
    expect(warning.textContent).toContain('保存会被拒绝');
    expect(within(warning).getByRole('link').getAttribute('href')).toBe('/workspace/lead/a1b2c3d4-0000');
    expect(check).toHaveBeenCalledWith({ entity: 'lead', data: { name: '张三' }, id: null });
  });

  it("lays the record out by the entity's default form, with its conditions, and lists errors of fields it leaves out", async () => {
    const form = {
      kind: 'form',
      name: 'leadForm',
      label: label('线索表单', 'Lead form'),
      entity: 'lead',
      default: true,
      tabs: [
        { name: 'main', label: label('基本', 'Main') },
        { name: 'deal', label: label('成交', 'Deal') },
      ],
      sections: [
        {
          name: 'who',
          label: label('客户', 'Customer'),
          tab: 'main',
          columns: 2,
          fields: [{ field: 'amount', column: 2, help: label('含税', 'Tax included'), requiredWhen: "stage == 'won'" }],
        },
        {
          name: 'close',
          label: label('阶段', 'Stage'),
          tab: 'deal',
          visibleWhen: 'amount > 100',
          fields: [{ field: 'stage' }],
        },
      ],
    };
    const refuse = vi.fn(async () => {
      throw new GraphQLRequestError('graphql', '名称为必填项', 200, [
        {
          message: '名称为必填项',
          extensions: {
            code: 'VALIDATION_FAILED',
            problems: [
              { field: 'name', code: 'REQUIRED', message: '名称为必填项' },
              { field: 'stage', code: 'INVALID_VALUE', message: '不能直接进入赢单' },
            ],
          },
        },
      ]);
    });
    open(server({ WorkspaceCreate: refuse }, [form]), '/workspace/lead/new');

    const amount = await screen.findByLabelText(/金额/);
    expect(screen.getByRole('region', { name: '客户' })).toBeTruthy();
    expect(screen.queryByLabelText(/名称/)).toBeNull();
    expect(screen.getByText('含税').id).toBe(amount.getAttribute('aria-describedby'));
    expect(amount.closest('.form-placement')?.getAttribute('style')).toContain('grid-column: 2 / span 1');
    expect(screen.queryByText('必填', { selector: 'label[for="record-amount"] .badge' })).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: '成交' }));
    expect(screen.queryByRole('region', { name: '阶段' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: '基本' }));
    fireEvent.change(screen.getByLabelText(/金额/), { target: { value: '500' } });
    fireEvent.click(screen.getByRole('tab', { name: '成交' }));
    fireEvent.change(await screen.findByLabelText(/阶段/, { selector: 'select' }), { target: { value: 'won' } });
    fireEvent.click(screen.getByRole('tab', { name: '基本' }));
    expect(screen.getByText('必填', { selector: 'label[for="record-amount"] .badge' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByTestId('form-errors')).textContent).toBe('名称: 名称为必填项');
    // a field with an error shows even where a condition would hide it, and its tab is marked
    fireEvent.change(screen.getByLabelText(/金额/), { target: { value: '' } });
    const deal = screen.getByRole('tab', { name: /成交/ });
    expect(deal.className).toContain('form-tab--invalid');
    fireEvent.click(deal);
    expect(screen.getByText('不能直接进入赢单').closest('[data-field]')?.getAttribute('data-field')).toBe('stage');
  });

  it("shows a restricted user only what its role allows: no hidden column, no new/import/bin, the read-only field greyed out", async () => {
    const documents: string[] = [];
    const client = server(
      {
        WorkspaceList: () => ({ rows: { ...rows.rows, nodes: [{ id: 'r1', version: 1, name: '张三', stage: 'won' }] } }),
        WorkspaceRecord: () => ({ record: { id: 'r1', version: 1, name: '张三', stage: 'won' } }),
        WorkspaceUpdate: (v) => {
          documents.push(JSON.stringify(v));
          return { record: { id: 'r1', version: 2 } };
        },
        WorkspaceRelated: () => ({ record: { id: 'r1' } }),
        DuplicateCandidates: () => ({ duplicateCandidates: [] }),
      },
      [],
      reviewer,
    );
    open(client, '/workspace/lead');
    const table = await screen.findByTestId('record-table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['名称', '阶段', '360°']);
    const list = vi.mocked(client.request).mock.calls.map(([q]) => q).find((q) => q.includes('WorkspaceList'));
    expect(list).not.toContain('amount');
    for (const name of ['新建', '导入 CSV', '回收站']) expect(screen.queryByRole('link', { name })).toBeNull();

    fireEvent.click(within(table).getByRole('link', { name: '张三' }));
    const name = (await screen.findByLabelText(/名称/)) as HTMLInputElement;
    expect(document.querySelector('#record-amount')).toBeNull();
    expect(document.querySelector('#record-stage')!.matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: '删除' })).toBeNull();
    fireEvent.change(name, { target: { value: '张三丰' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(documents).toEqual([JSON.stringify({ id: 'r1', version: 1, patch: { name: '张三丰' } })]));
  });
});
