import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../../api/graphql';
import { clientAnswering, clientAnsweringAs, renderWithApp } from '../../test-utils';
import WorkspacePage from '../WorkspacePage';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const metadata = {
  metadataVersion: 3,
  definitions: [
    {
      kind: 'entity',
      name: 'lead',
      label: label('线索', 'Lead'),
      fields: [{ name: 'name', type: 'text', label: label('名称', 'Name') }],
    },
  ],
  entityApis: [],
};
const pool = {
  kind: 'pool',
  name: 'open',
  label: label('线索公海', 'Open leads'),
  entity: 'lead',
  cooldownDays: 3,
  claimLimits: { perDay: 1 },
};
const waiting = (id: string, name: string) => ({
  id,
  entity: 'lead',
  enteredAt: '2026-12-07T10:00:00Z',
  previousOwner: 'li',
  values: { name },
});

describe('pool page', () => {
  it("claims a record, shows the server's refusal as worded, and gives a claimed record back", async () => {
    let claims = 0;
    const client = clientAnswering(async (query) => {
      if (query.includes('query Metadata')) return metadata;
      if (query.includes('query Pools')) return { definitions: [pool] };
      if (query.includes('query PoolRecords')) return { poolRecords: [waiting('a', '甲'), waiting('b', '乙')] };
      if (query.includes('mutation ClaimRecord')) {
        if (claims++ === 0) return { claimRecord: { id: 'a', ownerId: 'me' } };
        throw new GraphQLRequestError('graphql', 'refused', 200, [
          {
            message: '你今天已从“线索公海”领取 1 条线索记录，已达每日上限 1 条',
            extensions: { code: 'CLAIM_REFUSED' },
          },
        ]);
      }
      if (query.includes('mutation ReleaseRecord')) return { releaseRecord: { id: 'a', ownerId: null } };
      throw new Error(`unexpected: ${query}`);
    });
    renderWithApp(
      <Routes>
        <Route path="/workspace/*" element={<WorkspacePage />} />
      </Routes>,
      { client, route: '/workspace/pool/open' },
    );
    expect(await screen.findByText('每人每天最多领取 1 条 · 退回后 3 天内原负责人不能再领取')).toBeTruthy();
    const table = await screen.findByTestId('pool-table');
    fireEvent.click(within(within(table).getByText('甲').closest('tr')!).getByRole('button', { name: '领取' }));
    expect((await screen.findByTestId('pool-outcome')).textContent).toBe('已领取，你现在是负责人');
    const claimed = await screen.findByTestId('claimed-list');
    expect(within(claimed).getByText('甲')).toBeTruthy();

    fireEvent.click(within(within(table).getByText('乙').closest('tr')!).getByRole('button', { name: '领取' }));
    expect((await screen.findByRole('alert')).textContent).toContain('已达每日上限 1 条');

    fireEvent.click(within(claimed).getByRole('button', { name: '退回公海' }));
    expect(await screen.findByText('已退回公海')).toBeTruthy();
    expect(screen.queryByTestId('claimed-list')).toBeNull();
  });

  it('offers recycling now to those who manage pools only, and says how many records went back', async () => {
    const answer = async (query: string) => {
      if (query.includes('query Metadata')) return metadata;
      if (query.includes('query Pools')) return { definitions: [pool] };
      if (query.includes('query PoolRecords')) return { poolRecords: [waiting('a', '甲')] };
      if (query.includes('mutation RecyclePool')) return { recyclePool: 2 };
      throw new Error(`unexpected: ${query}`);
    };
    const claimant = { user: 'li', admin: false, capabilities: [], entities: [] };
    const first = renderWithApp(
      <Routes>
        <Route path="/workspace/*" element={<WorkspacePage />} />
      </Routes>,
      { client: clientAnsweringAs(claimant, answer), route: '/workspace/pool/open' },
    );
    await screen.findByTestId('pool-table');
    expect(screen.queryByRole('button', { name: '立即回收' })).toBeNull();
    first.unmount();

    renderWithApp(
      <Routes>
        <Route path="/workspace/*" element={<WorkspacePage />} />
      </Routes>,
      { client: clientAnsweringAs({ ...claimant, capabilities: ['managePools'] }, answer), route: '/workspace/pool/open' },
    );
    fireEvent.click(await screen.findByRole('button', { name: '立即回收' }));
    expect((await screen.findByTestId('pool-outcome')).textContent).toBe('已回收 2 条记录到公海');
  });
});
