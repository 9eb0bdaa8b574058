import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type {
  AssignmentTraceOfQuery,
  DuplicateCandidatesQuery,
  MergeHistoryQuery,
  RecordHistoryQuery,
  UndoMergeMutation,
} from '../../api/generated';
import type { EntityApi } from '../../api/metadata';
import { DUPLICATE_CANDIDATES } from '../../api/operations';
import { ASSIGNMENT_TRACE, MERGE_HISTORY, RECORD_HISTORY, UNDO_MERGE } from '../../api/workspace-operations';
import { useClient } from '../../app/ClientContext';
import { useLocale } from '../../app/useLocale';
import { displayText, selection } from '../../fields/registry';
import type { EntityDefinition } from '../../metamodel';
import { EntityRoute } from '../EntityRoute';
import { RelatedLists, useRelatedSources } from '../record/RelatedLists';
import { useInbox } from '../inbox/useInbox';
import { hasCapability } from '../../app/permissions/permission-model';
import { usePermissions, useVisibleMetadata } from '../../app/permissions/usePermissions';
import { Reassign } from './Reassign';
import { activities, type RelatedActivity, type TaskActivity } from './activities';
import { activityDocument, editableFields, madeDocument, recordDocument } from '../record-documents';
import { recordTitle } from '../record-title';
import { Refused } from '../Refused';
import { timeline } from './timeline';
import './c360.css';

/** `/workspace/:entity/:id/360`: a record's timeline, owner and assignment trace, related records, duplicates and merges. */
export function Customer360Page() {
  const { id = '' } = useParams();
  return (
    <EntityRoute>
      {(entity, api, access) => (
        <View360 key={`${entity.name}/${id}`} entity={entity} api={api} id={id} canMerge={access.merge} />
      )}
    </EntityRoute>
  );
}

type Row = Record<string, unknown> & { id: string };

/** Records of each related list placed on the timeline. */
const RELATED_ACTIVITIES = 20;
/** Tasks about the record placed on the timeline. */
const TASKS = 50;

function View360({
  entity,
  api,
  id,
  canMerge,
}: {
  entity: EntityDefinition;
  api: EntityApi;
  id: string;
  canMerge: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  const visible = useVisibleMetadata();
  // re-running assignment over stored records is lead distribution: for those who manage pools
  const managesPools = hasCapability(usePermissions().data, 'managePools');
  const record = useQuery({
    queryKey: ['records', entity.name, id],
    queryFn: ({ signal }) =>
      client.request<{ record: Row | null }>(recordDocument(api, entity), { id }, signal).then((d) => d.record),
  });
  const history = useQuery({
    queryKey: ['records', entity.name, id, 'history'],
    queryFn: ({ signal }) =>
      client
        .request<RecordHistoryQuery>(RECORD_HISTORY, { entity: entity.name, id, first: 50 }, signal)
        .then((d) => timeline(d.recordHistory?.entries ?? [], entity.fields)),
  });
  const traces = useQuery({
    queryKey: ['records', entity.name, id, 'assignment'],
    queryFn: ({ signal }) =>
      client.request<AssignmentTraceOfQuery>(ASSIGNMENT_TRACE, { id }, signal).then((d) => d.assignmentTrace ?? []),
  });
  const merges = useQuery({
    queryKey: ['records', entity.name, id, 'merges'],
    queryFn: ({ signal }) =>
      client.request<MergeHistoryQuery>(MERGE_HISTORY, { id }, signal).then((d) => d.mergeHistory ?? []),
  });
  const sources = useRelatedSources(api);
  const related = useQuery({
    queryKey: ['records', entity.name, id, 'activity', sources.map((l) => l.connection)],
    enabled: sources.length > 0,
    queryFn: ({ signal }) =>
      client
        .request<{ record: Record<string, { nodes: Row[] }> | null }>(
          activityDocument(api, sources, RELATED_ACTIVITIES),
          { id },
          signal,
        )
        .then((d) =>
          sources.flatMap((l, i): RelatedActivity[] =>
            (d.record?.[`a${i}`]?.nodes ?? []).map((n) => ({
              entity: l.entity,
              field: l.field,
              id: n.id,
              createdAt: String(n.createdAt),
              createdBy: (n.createdBy as string | null) ?? null,
              title: (l.title && displayText(l.title, n[l.title.name], locale, [t('yes'), t('no')])) || n.id.slice(0, 8),
            })),
          ),
        ),
  });
  // tasks about this record (the built-in task entity points at records by relatedEntity/relatedId)
  const taskEntity = visible.data?.entities.find((e) => e.name === 'task');
  const taskApi = visible.data?.apis.get('task');
  const taskField = (name: string) => taskEntity?.fields.find((f) => f.name === name);
  const taskFields = ['title', 'status', 'due', 'completedAt'].flatMap((n) => taskField(n) ?? []);
  const tasks = useQuery({
    queryKey: ['records', 'task', 'about', entity.name, id],
    enabled: Boolean(taskApi && taskField('relatedEntity') && taskField('relatedId')),
    queryFn: ({ signal }) =>
      client
        .request<{ rows: { nodes: Row[] } }>(
          madeDocument(taskApi!, taskFields),
          { filter: { relatedEntity: { eq: entity.name }, relatedId: { eq: id } }, first: TASKS },
          signal,
        )
        .then((d) =>
          d.rows.nodes.map(
            (n): TaskActivity => ({
              id: n.id,
              title: String(n.title ?? n.id.slice(0, 8)),
              status: String(n.status ?? ''),
              statusLabel: taskField('status') ? displayText(taskField('status')!, n.status, locale, [t('yes'), t('no')]) : '',
              due: (n.due as string | null) ?? null,
              createdAt: String(n.createdAt),
              createdBy: (n.createdBy as string | null) ?? null,
              completedAt: (n.completedAt as string | null) ?? null,
            }),
          ),
        ),
  });
  const inbox = useInbox();
  const values = record.data
    ? Object.fromEntries(
        editableFields(entity, 'create').flatMap((f) => {
          const v = record.data?.[selection(f)];
          return v === null || v === undefined || v === '' ? [] : [[f.name, v]];
        }),
      )
    : undefined;
  const duplicates = useQuery({
    queryKey: ['records', entity.name, id, 'duplicates', values],
    enabled: !!values && Object.keys(values).length > 0,
    queryFn: ({ signal }) =>
      client
        .request<DuplicateCandidatesQuery>(DUPLICATE_CANDIDATES, { entity: entity.name, data: values, id }, signal)
        .then((d) => d.duplicateCandidates ?? []),
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => client.request<UndoMergeMutation>(UNDO_MERGE, { mergeId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['records', entity.name] }),
  });
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : '');
  const yesNo: [string, string] = [t('yes'), t('no')];
  if (record.isPending) return <p className="status">{t('loading')}</p>;
  if (record.data === null) return <p className="empty">{t('notFound')}</p>;
  const name = record.data ? recordTitle(entity, values, id) : id.slice(0, 8);
  const owner = history.data?.[0]?.owner?.after ?? history.data?.find((e) => e.owner)?.owner?.after;
  const entries = activities({
    recordId: id,
    ...(history.data ? { changes: history.data } : {}),
    ...(traces.data ? { assignments: traces.data } : {}),
    ...(merges.data ? { merges: merges.data } : {}),
    ...(inbox.data ? { notifications: inbox.data } : {}),
    ...(related.data ? { related: related.data } : {}),
    ...(tasks.data ? { tasks: tasks.data } : {}),
  });
  const entityLabel = (name: string) => {
    const e = visible.data?.entities.find((x) => x.name === name);
    return e ? label(e.label, name) : name;
  };
  const show = (field: EntityDefinition['fields'][number] | undefined, v: unknown) =>
    field ? displayText(field, v, locale, yesNo) || '—' : JSON.stringify(v ?? null);

  return (
    <div className="c360">
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>
          {label(entity.label, entity.name)} · {name} · 360°
        </h2>
        <span className="spacer" />
        <Link className="button button--secondary" to={`/workspace/${entity.name}/${id}`}>
          {t('editRecord')}
        </Link>
      </div>
      <Refused
        errors={[record.error, history.error, traces.error, merges.error, related.error, tasks.error, undo.error]}
      />
      <div className="c360__grid">
        <section className="card" aria-labelledby="c360-owner">
          <h3 id="c360-owner">{t('ownerAndAssignment')}</h3>
          <p data-testid="c360-owner">
            {t('currentOwner')}: <strong>{owner ?? traces.data?.[0]?.owner ?? '—'}</strong>
          </p>
          {traces.data?.length === 0 && <p className="muted">{t('noAssignment')}</p>}
          {managesPools && <Reassign entity={entity.name} id={id} />}
          <ol className="link-list" data-testid="c360-assignment">
            {traces.data?.map((a, i) => (
              <li key={i}>
                {when(a.assignedAt)} · {t('assignedBy', { rule: a.rule, entry: a.entry ?? t('fallback') })} →{' '}
                <strong>{a.owner ?? (a.target ? `${t(`target_${a.target.type}`)} ${a.target.key}` : '—')}</strong>
                {a.strategy ? ` (${t(`strategy_${a.strategy}`, { defaultValue: a.strategy })})` : ''}
                {a.why ? <span className="muted"> · {a.why}</span> : null}
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="c360-duplicates">
          <h3 id="c360-duplicates">{t('possibleDuplicatesHeading')}</h3>
          {duplicates.data?.length === 0 && <p className="muted">{t('noDuplicates')}</p>}
          <ul className="link-list" data-testid="c360-duplicates">
            {duplicates.data?.map((d) => (
              <li key={d.id}>
                <Link to={`/workspace/${entity.name}/${d.id}/360`}>{d.id.slice(0, 8)}</Link>{' '}
                <span className="muted">
                  {t('duplicateDetail', {
                    rule: d.rule,
                    score: Math.round(d.score * 100) + '%',
                    matched: d.matched.join(', '),
                  })}
                </span>{' '}
                {canMerge && (
                  <Link className="button button--secondary" to={`/workspace/${entity.name}/merge?ids=${id},${d.id}`}>
                    {t('mergeEllipsis')}
                  </Link>
                )}
              </li>
            ))}
          </ul>
          {merges.data && merges.data.length > 0 && (
            <>
              <h4>{t('mergeHistory')}</h4>
              <ul className="link-list" data-testid="c360-merges">
                {merges.data.map((m) => (
                  <li key={m.mergeId}>
                    {when(m.mergedAt)} ·{' '}
                    {t('mergedEntry', { count: m.mergedIds.length, user: m.mergedBy ?? t('someone') })}
                    {m.undone ? (
                      <span className="muted"> · {t('undoneAt', { time: when(m.undoneAt) })}</span>
                    ) : !canMerge ? null : (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={undo.isPending}
                        onClick={() => undo.mutate(m.mergeId)}
                      >
                        {t('undoMerge')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="c360-timeline">
        <h3 id="c360-timeline">{t('timelineActivities')}</h3>
        <ol className="timeline" data-testid="c360-timeline">
          {entries.map((a) => {
            switch (a.kind) {
              case 'change': {
                const e = a.change;
                return (
                  <li key={a.key} data-kind="change" data-operation={e.operation}>
                    <div>
                      <strong>{t(`operation_${e.operation}`, { defaultValue: e.operation })}</strong> · {when(e.at)} ·{' '}
                      {e.actor}
                      <span className="muted"> · {t(`source_${e.source}`, { defaultValue: e.source })}</span>
                    </div>
                    {e.owner && (
                      <div>{t('ownerChanged', { before: e.owner.before ?? '—', after: e.owner.after ?? '—' })}</div>
                    )}
                    {e.fields.length > 0 && (
                      <ul>
                        {e.fields.map((f) => (
                          <li key={f.field}>
                            {f.definition ? label(f.definition.label, f.field) : f.field}: {show(f.definition, f.before)}{' '}
                            → {show(f.definition, f.after)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              }
              case 'assignment':
                return (
                  <li key={a.key} data-kind="assignment">
                    <strong>{t('activityAssigned')}</strong> · {when(a.at)} ·{' '}
                    {t('assignedBy', { rule: a.trace.rule, entry: a.trace.entry ?? t('fallback') })} →{' '}
                    {a.trace.owner ?? '—'}
                  </li>
                );
              case 'merge':
              case 'unmerge':
                return (
                  <li key={a.key} data-kind={a.kind}>
                    <strong>{t(a.kind === 'merge' ? 'activityMerged' : 'activityUnmerged')}</strong> · {when(a.at)} ·{' '}
                    {a.kind === 'merge'
                      ? t('mergedEntry', { count: a.merge.mergedIds.length, user: a.merge.mergedBy ?? t('someone') })
                      : (a.merge.undoneBy ?? t('someone'))}
                  </li>
                );
              case 'notification':
                return (
                  <li key={a.key} data-kind="notification">
                    <strong>{t('activityNotified')}</strong> · {when(a.at)} · {a.notice.title}
                    {a.notice.body ? <span className="muted"> · {a.notice.body}</span> : null}
                  </li>
                );
              case 'task':
                return (
                  <li key={a.key} data-kind="task">
                    <strong>{t('activityTask')}</strong> · {when(a.at)}
                    {a.task.createdBy ? ` · ${a.task.createdBy}` : ''} ·{' '}
                    <Link to={`/workspace/task/${a.task.id}`}>{a.task.title}</Link>
                    {a.task.statusLabel ? <span className="muted"> · {a.task.statusLabel}</span> : null}
                    {a.task.due ? <span className="muted"> · {t('taskDue', { time: when(a.task.due) })}</span> : null}
                  </li>
                );
              case 'taskDone':
                return (
                  <li key={a.key} data-kind="taskDone">
                    <strong>{t('activityTaskDone')}</strong> · {when(a.at)} ·{' '}
                    <Link to={`/workspace/task/${a.task.id}`}>{a.task.title}</Link>
                  </li>
                );
              case 'related':
                return (
                  <li key={a.key} data-kind="related" data-entity={a.related.entity}>
                    <strong>{t('activityRelated', { entity: entityLabel(a.related.entity) })}</strong> · {when(a.at)}
                    {a.related.createdBy ? ` · ${a.related.createdBy}` : ''} ·{' '}
                    <Link to={`/workspace/${a.related.entity}/${a.related.id}`}>{a.related.title}</Link>
                  </li>
                );
            }
          })}
        </ol>
      </section>
      <RelatedLists api={api} recordId={id} />
    </div>
  );
}
