import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { clientAnswering, renderWithApp } from '../../test-utils';
import AssignmentRuleEditorPage from './AssignmentRuleEditorPage';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const lead = {
  kind: 'entity',
  name: 'lead',
  label: label('线索', 'Lead'),
  fields: [
    { name: 'name', type: 'text', label: label('名称', 'Name') },
    { name: 'province', type: 'text', label: label('省份', 'Province') },
  ],
};

describe('assignment rule editor', () => {
  it('builds entries from pickers, previews them on the server and shows a problem at its entry', async () => {
    const client = clientAnswering(async (query) => {
      if (query.includes('query Drafts')) return { metadataDrafts: [] };
      if (query.includes('query AssignmentRules')) return { definitions: [] };
      if (query.includes('query Metadata')) return { metadataVersion: 2, definitions: [lead], entityApis: [] };
      if (query.includes('query Directory')) {
        return {
          users: { nodes: [{ username: 'li', name: '李雷', status: 'active' }] },
          teams: { nodes: [{ code: 'east', name: '华东组' }] },
        };
      }
      if (query.includes('query Pools')) return { definitions: [] };
      if (query.includes('query AssignmentPreview')) {
        return {
          assignmentPreview: {
            problems: [
              { code: 'BAD_NAME', path: '$[0].entries[0].name', message: '名称不合规', line: null, column: null },
            ],
            outcomes: [],
          },
        };
      }
      throw new Error(`unexpected: ${query}`);
    });
    renderWithApp(
      <Routes>
        <Route path="/designer/assignment/:key" element={<AssignmentRuleEditorPage />} />
      </Routes>,
      { client, route: '/designer/assignment/new' },
    );
    const entry = await screen.findByTestId('entry-list');
    fireEvent.click(within(entry).getByRole('button', { name: '添加条件' }));
    fireEvent.change(screen.getByLabelText('字段'), { target: { value: 'province' } });
    fireEvent.change(screen.getByLabelText('比较'), { target: { value: 'in' } });
    fireEvent.change(screen.getByLabelText('值（用逗号分隔）'), { target: { value: '浙江，四川' } });
    fireEvent.change(
      within(entry)
        .getAllByRole('combobox')
        .find((c) => c.id === 'entry-0-target-key')!,
      {
        target: { value: 'li' },
      },
    );
    fireEvent.click(screen.getByRole('button', { name: '试运行' }));
    await waitFor(() =>
      expect(vi.mocked(client.request).mock.calls.some(([q]) => q.includes('query AssignmentPreview'))).toBe(true),
    );
    const [, variables] = vi.mocked(client.request).mock.calls.find(([q]) => q.includes('query AssignmentPreview'))!;
    expect((variables as { rule: { entries: unknown[] } }).rule.entries[0]).toEqual({
      name: 'entry1',
      label: label('分配 1', 'Entry 1'),
      conditions: [{ field: 'province', op: 'in', value: ['浙江', '四川'] }],
      target: { type: 'user', key: 'li' },
    });
    expect(await within(screen.getByTestId('entry-list')).findByText('名称不合规')).toBeTruthy();
  }, 30_000);
});
