import { describe, expect, it } from 'vitest';
import { activities, type AssignmentTrace, type MergeEntry, type Notice } from './activities';
import type { TimelineEntry } from './timeline';

const change = (position: string, at: string): TimelineEntry => ({
  position,
  at,
  operation: 'UPDATE',
  actor: 'li',
  source: 'graphql',
  fields: [],
});
const trace = (assignedAt: string | null): AssignmentTrace => ({
  assignedAt,
  rule: 'byProvince',
  entry: 'zhejiang',
  strategy: null,
  owner: 'li',
  why: null,
  target: null,
});
const merge = (over: Partial<MergeEntry>): MergeEntry => ({
  mergeId: 'm1',
  survivorId: 'r1',
  mergedIds: ['r2'],
  mergedBy: 'admin',
  mergedAt: '2026-12-07T10:05:00Z',
  undone: false,
  undoneBy: null,
  undoneAt: null,
  ...over,
});
const notice = (id: string, recordId: string | null, createdAt: string): Notice => ({
  id,
  kind: 'duplicate',
  title: '可能重复',
  body: '',
  entity: 'customer',
  recordId,
  read: false,
  createdAt,
});

describe('activities', () => {
  it('merges every source into one timeline, newest first', () => {
    const list = activities({
      recordId: 'r1',
      changes: [change('2', '2026-12-07T10:04:00Z'), change('1', '2026-12-07T10:00:00Z')],
      assignments: [trace('2026-12-07T10:00:01.5Z')],
      merges: [merge({ undone: true, undoneBy: 'li', undoneAt: '2026-12-07T10:06:00Z' })],
      notifications: [notice('n1', 'r1', '2026-12-07T10:03:00Z'), notice('n2', 'other', '2026-12-07T10:09:00Z')],
      related: [
        { entity: 'visit', field: 'customer', id: 'v1', createdAt: '2026-12-07T10:02:00Z', createdBy: 'li', title: '回访' },
      ],
    });
    expect(list.map((a) => a.key)).toEqual([
      'unmerge:m1',
      'merge:m1',
      'change:2',
      'notification:n1',
      'related:visit:v1',
      'assignment:0',
      'change:1',
    ]);
  });

  it("keeps only notifications about this record; a merge not undone has no undo entry", () => {
    const list = activities({
      recordId: 'r1',
      merges: [merge({})],
      notifications: [notice('n1', null, '2026-12-07T10:00:00Z'), notice('n2', 'r2', '2026-12-07T10:00:00Z')],
    });
    expect(list.map((a) => a.kind)).toEqual(['merge']);
  });

  it('puts entries without a time last, each source in its own order for equal times', () => {
    const list = activities({
      recordId: 'r1',
      assignments: [trace(null)],
      changes: [change('b', '2026-12-07T10:00:00Z'), change('a', '2026-12-07T10:00:00Z')],
    });
    expect(list.map((a) => a.key)).toEqual(['change:b', 'change:a', 'assignment:0']);
  });

  it('is empty while nothing has loaded', () => {
    expect(activities({ recordId: 'r1' })).toEqual([]);
  });

  it('puts a task about the record where it was made, and again where it was done', () => {
    const task = {
      id: 't1',
      title: '回访',
      status: 'done',
      statusLabel: '已完成',
      due: null,
      createdAt: '2026-12-07T10:01:00Z',
      createdBy: 'li',
      completedAt: '2026-12-07T10:08:00Z',
    };
    const list = activities({
      recordId: 'r1',
      changes: [change('1', '2026-12-07T10:00:00Z')],
      tasks: [task, { ...task, id: 't2', status: 'open', completedAt: null, createdAt: '2026-12-07T10:02:00Z' }],
    });
    expect(list.map((a) => a.key)).toEqual(['taskDone:t1', 'task:t2', 'task:t1', 'change:1']);
  });
});
