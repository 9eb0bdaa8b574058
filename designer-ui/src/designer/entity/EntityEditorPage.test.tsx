import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { clientAnswering, renderWithApp } from '../../test-utils';
import EntityEditorPage from './EntityEditorPage';

const visit = {
  kind: 'entity',
  name: 'visit',
  label: { 'zh-CN': '拜访', en: 'Visit' },
  fields: [
    { name: 'topic', type: 'text', label: { 'zh-CN': '主题', en: 'Topic' } },
    {
      name: 'stage',
      type: 'stage',
      label: { 'zh-CN': '', en: '' },
      options: [{ value: 'new', label: { 'zh-CN': '新建', en: 'New' } }],
    },
  ],
};
const draft = {
  key: 'entity:visit',
  kind: 'entity',
  name: 'visit',
  definition: visit,
  baseVersion: 3,
  revision: 2,
  updatedAt: '2026-12-07T08:00:00Z',
  updatedBy: 'admin',
};
const metadata = { metadataVersion: 3, definitions: [], entityApis: [] };

function server(overrides: Record<string, (variables?: Record<string, unknown>) => unknown> = {}) {
  const answers: Record<string, (variables?: Record<string, unknown>) => unknown> = {
    'query Metadata': () => metadata,
    'query Drafts': () => ({ metadataDrafts: [draft] }),
    'query ExpressionFunctions': () => ({ expressionFunctions: [] }),
    'mutation SaveDraft': (v) => ({ saveMetadataDraft: { ...draft, definition: v?.definition, revision: 3 } }),
    'mutation PublishDrafts': () => ({
      publishMetadataDrafts: {
        version: null,
        applied: false,
        changes: [],
        problems: [
          {
            code: 'REQUIRED',
            path: '$[0].fields[1].label',
            message: '字段“stage”缺少中文名称',
            line: null,
            column: null,
          },
        ],
      },
    }),
    ...overrides,
  };
  return clientAnswering(async (query, variables) => {
    const name = Object.keys(answers).find((op) => query.includes(op));
    if (!name) throw new Error(`unexpected operation: ${query}`);
    return answers[name]!(variables);
  });
}

function open(client: ReturnType<typeof server>) {
  renderWithApp(
    <Routes>
      <Route path="/designer/entity/:key" element={<EntityEditorPage />} />
    </Routes>,
    { client, route: '/designer/entity/entity%3Avisit' },
  );
}

describe('EntityEditorPage', () => {
  it('opens the server draft and saves an edit as its next revision', async () => {
    const client = server();
    open(client);

    const zh = (await screen.findByDisplayValue('主题')) as HTMLInputElement;
    expect(screen.getByTestId('save-state').textContent).toBe('已保存（第 2 版）');
    fireEvent.change(zh, { target: { value: '拜访主题' } });
    expect(screen.getByTestId('save-state').textContent).toBe('有未保存的修改');
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));

    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('已保存（第 3 版）'));
    const call = vi.mocked(client.request).mock.calls.find(([q]) => q.includes('mutation SaveDraft'))!;
    expect(call[1]).toMatchObject({ replaces: 'entity:visit', revision: 2 });
    expect((call[1]!.definition as typeof visit).fields[0]!.label['zh-CN']).toBe('拜访主题');
  });

  it("shows the dry run's problems in the dialog and at the field they belong to", async () => {
    open(server());

    fireEvent.click(await screen.findByRole('button', { name: '发布…' }));

    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('字段“stage”缺少中文名称')).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: '定位' }).getAttribute('href')).toBe(
      '/designer/entity/entity%3Avisit#field-1',
    );
    const row = document.getElementById('field-1')!;
    expect(within(row).getByRole('alert').textContent).toContain('缺少中文名称');
    expect(row.className).toContain('field-row--invalid');
    expect(document.getElementById('field-0')!.className).not.toContain('invalid');
  });

  it('reorders fields with the arrow buttons and removes one', async () => {
    const client = server();
    open(client);
    await screen.findByDisplayValue('主题');

    fireEvent.click(screen.getByRole('button', { name: '下移 topic' }));
    expect([...document.querySelectorAll('.field-row')].map((r) => r.getAttribute('data-field'))).toEqual([
      'stage',
      'topic',
    ]);
    fireEvent.click(screen.getByRole('button', { name: '删除字段 stage' }));
    expect([...document.querySelectorAll('.field-row')].map((r) => r.getAttribute('data-field'))).toEqual(['topic']);
  });
});
