import type { AssignmentTraceOfQuery, MergeHistoryQuery, NotificationsQuery } from '../../api/generated';
import type { TimelineEntry } from './timeline';

export type AssignmentTrace = NonNullable<AssignmentTraceOfQuery['assignmentTrace']>[number];
export type MergeEntry = NonNullable<MergeHistoryQuery['mergeHistory']>[number];
export type Notice = NonNullable<NotificationsQuery['notifications']>[number];

/** A record of another entity that references this one (a visit of the customer, later a task). */
export interface RelatedActivity {
  entity: string;
  /** The reference field of that entity pointing here. */
  field: string;
  id: string;
  createdAt: string;
  createdBy: string | null;
  title: string;
}

/** A task about the record (the built-in `task` entity's relatedEntity/relatedId point at it). */
export interface TaskActivity {
  id: string;
  title: string;
  status: string;
  /** The status as the user reads it (the option's label). */
  statusLabel: string;
  due: string | null;
  createdAt: string;
  createdBy: string | null;
  completedAt: string | null;
}

/** One line of a record's 360° timeline, newest first. */
export type Activity =
  | { kind: 'change'; at: string; key: string; change: TimelineEntry }
  | { kind: 'assignment'; at: string; key: string; trace: AssignmentTrace }
  | { kind: 'merge'; at: string; key: string; merge: MergeEntry }
  | { kind: 'unmerge'; at: string; key: string; merge: MergeEntry }
  | { kind: 'notification'; at: string; key: string; notice: Notice }
  | { kind: 'related'; at: string; key: string; related: RelatedActivity }
  | { kind: 'task'; at: string; key: string; task: TaskActivity }
  | { kind: 'taskDone'; at: string; key: string; task: TaskActivity };

export interface ActivitySources {
  /** The record whose timeline this is. */
  recordId: string;
  changes?: readonly TimelineEntry[];
  assignments?: readonly AssignmentTrace[];
  merges?: readonly MergeEntry[];
  /** The user's notifications: only those about this record are taken. */
  notifications?: readonly Notice[];
  related?: readonly RelatedActivity[];
  tasks?: readonly TaskActivity[];
}

/**
 * The record's activities from what the server keeps: its changes (the audit trail), the rules that
 * assigned it, merges into it and their undoing, the user's notifications about it, records of other
 * entities created pointing at it, and tasks about it (made, and done when completed); newest first
 * (entries without a time last, in source order).
 */
export function activities(s: ActivitySources): Activity[] {
  const all: Activity[] = [
    ...(s.changes ?? []).map((change): Activity => ({ kind: 'change', at: change.at, key: `change:${change.position}`, change })),
    ...(s.assignments ?? []).map(
      (trace, i): Activity => ({ kind: 'assignment', at: trace.assignedAt ?? '', key: `assignment:${i}`, trace }),
    ),
    ...(s.merges ?? []).flatMap((merge): Activity[] => [
      { kind: 'merge', at: merge.mergedAt, key: `merge:${merge.mergeId}`, merge },
      ...(merge.undone && merge.undoneAt
        ? [{ kind: 'unmerge' as const, at: merge.undoneAt, key: `unmerge:${merge.mergeId}`, merge }]
        : []),
    ]),
    ...(s.notifications ?? [])
      .filter((n) => n.recordId === s.recordId)
      .map((notice): Activity => ({ kind: 'notification', at: notice.createdAt, key: `notification:${notice.id}`, notice })),
    ...(s.related ?? []).map(
      (related): Activity => ({
        kind: 'related',
        at: related.createdAt,
        key: `related:${related.entity}:${related.id}`,
        related,
      }),
    ),
    ...(s.tasks ?? []).flatMap((task): Activity[] => [
      { kind: 'task', at: task.createdAt, key: `task:${task.id}`, task },
      ...(task.completedAt ? [{ kind: 'taskDone' as const, at: task.completedAt, key: `taskDone:${task.id}`, task }] : []),
    ]),
  ];
  const time = (a: Activity) => {
    const t = Date.parse(a.at);
    return Number.isNaN(t) ? -Infinity : t;
  };
  // a stable sort keeps each source's own order for equal times
  return all
    .map((a, i) => ({ a, i }))
    .sort((x, y) => time(y.a) - time(x.a) || x.i - y.i)
    .map(({ a }) => a);
}
