import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clientAnswering, renderWithApp } from '../../test-utils';
import { Reassign } from './Reassign';

describe('Reassign', () => {
  it('shows who the rule would pick by a dry run, and assigns only once confirmed', async () => {
    const runs: unknown[] = [];
    const client = clientAnswering(async (query, variables) => {
      if (!query.includes('mutation RunAssignment')) throw new Error(`unexpected: ${query}`);
      runs.push(variables);
      return { runAssignment: [{ id: 'c1', ownerBefore: 'admin', owner: 'lu', trace: { rule: 'toLu', entry: 'all' } }] };
    });
    renderWithApp(<Reassign entity="customer" id="c1" />, { client });
    fireEvent.click(screen.getByRole('button', { name: '重新分配…' }));
    await screen.findByText(/按规则 toLu · 条目 all，将分配给 lu。/);
    expect(runs).toEqual([{ entity: 'customer', ids: ['c1'], dryRun: true }]);
    fireEvent.click(screen.getByRole('button', { name: '确认重新分配' }));
    await screen.findByText('已重新分配给 lu');
    expect(runs).toEqual([
      { entity: 'customer', ids: ['c1'], dryRun: true },
      { entity: 'customer', ids: ['c1'], dryRun: false },
    ]);
  });

  it('says so when no rule would assign the record', async () => {
    const client = clientAnswering(async () => ({ runAssignment: [] }));
    renderWithApp(<Reassign entity="customer" id="c1" />, { client });
    fireEvent.click(screen.getByRole('button', { name: '重新分配…' }));
    await screen.findByText('没有生效的分配规则会分配这条记录。');
    expect(screen.queryByRole('button', { name: '确认重新分配' })).toBeNull();
  });
});
