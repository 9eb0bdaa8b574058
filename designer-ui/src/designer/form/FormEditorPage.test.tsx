import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { clientAnswering, renderWithApp } from '../../test-utils';
import FormEditorPage from './FormEditorPage';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const visit = {
  kind: 'entity',
  name: 'visit',
  label: L('拜访', 'Visit'),
  fields: [
    { name: 'topic', type: 'text', label: L('主题', 'Topic') },
    { name: 'budget', type: 'money', label: L('预算', 'Budget') },
  ],
};
const form = {
  kind: 'form',
  name: 'visitForm',
  label: L('拜访表单', 'Visit form'),
  entity: 'visit',
  default: true,
  sections: [{ name: 'main', label: L('基本', 'Main'), columns: 2, fields: [{ field: 'topic', column: 2 }] }],
};

const draft = {
  key: 'form:visitForm',
  kind: 'form',
  name: 'visitForm',
  definition: form,
  baseVersion: 3,
  revision: 1,
  updatedAt: '2026-12-07T08:00:00Z',
  updatedBy: 'admin',
};

function server(drafts: unknown[] = []) {
  const save = vi.fn((v?: Record<string, unknown>) => ({
    saveMetadataDraft: {
      key: 'form:visitForm',
      kind: 'form',
      name: 'visitForm',
      definition: v?.definition,
      revision: 1,
    },
  }));
  const answers: Record<string, (v?: Record<string, unknown>) => unknown> = {
    'query Metadata': () => ({ metadataVersion: 3, definitions: [visit], entityApis: [] }),
    'query Drafts': () => ({ metadataDrafts: drafts }),
    'mutation PublishDrafts': () => ({
      publishMetadataDrafts: {
        version: null,
        applied: false,
        changes: [],
        problems: [
          {
            code: 'INVALID_EXPRESSION',
            path: '$[0].sections[0].fields[0].requiredWhen',
            message: '“visit”没有字段“topc”',
            line: 1,
            column: 1,
          },
        ],
      },
    }),
    'query Forms': () => ({ definitions: [form] }),
    'query ExpressionFunctions': () => ({ expressionFunctions: [] }),
    'mutation SaveDraft': save,
  };
  const client = clientAnswering(async (query, variables) => {
    const name = Object.keys(answers).find((op) => query.includes(op));
    if (!name) throw new Error(`unexpected operation: ${query}`);
    return answers[name]!(variables);
  });
  return { client, save };
}

describe('FormEditorPage', () => {
  it('opens a published form, adds a section and a tab, and saves the form definition as a draft', async () => {
    const { client, save } = server();
    renderWithApp(
      <Routes>
        <Route path="/designer/forms/:key" element={<FormEditorPage />} />
      </Routes>,
      { client, route: '/designer/forms/published:visitForm' },
    );
    await screen.findByDisplayValue('visitForm');
    expect(screen.getByTestId('field-palette').textContent).toContain('预算');
    expect(document.querySelector('[data-cell="main:2"] [data-placed-field="topic"]')).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '添加分区' }));
    await screen.findByDisplayValue('section2');
    fireEvent.click(screen.getByRole('button', { name: '添加标签页' }));
    await screen.findByDisplayValue('tab1');
    fireEvent.click(screen.getByRole('button', { name: /主题/, pressed: false }));
    fireEvent.change(screen.getByLabelText('帮助文字（中文）'), { target: { value: '拜访目的' } });
    expect(screen.getByTestId('form-preview').textContent).toContain('拜访目的');

    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0]![0]!.definition).toEqual({
      ...form,
      tabs: [{ name: 'tab1', label: L('标签页 1', 'Tab 1') }],
      sections: [
        {
          ...form.sections[0],
          tab: 'tab1',
          fields: [{ field: 'topic', column: 2, help: { 'zh-CN': '拜访目的', en: '' } }],
        },
        { name: 'section2', label: L('分区 2', 'Section 2'), tab: 'tab1', fields: [] },
      ],
    });
  });

  it("shows a dry run's problem at the section that holds it, linked from the dialog", async () => {
    const { client } = server([draft]);
    renderWithApp(
      <Routes>
        <Route path="/designer/forms/:key" element={<FormEditorPage />} />
      </Routes>,
      { client, route: '/designer/forms/form%3AvisitForm' },
    );
    fireEvent.click(await screen.findByRole('button', { name: '发布…' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('“visit”没有字段“topc”')).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: '定位' }).getAttribute('href')).toBe(
      '/designer/forms/form%3AvisitForm#section-0',
    );
    const section = document.getElementById('section-0')!;
    expect(within(section).getByRole('alert').textContent).toContain('没有字段“topc”');
  });
});
