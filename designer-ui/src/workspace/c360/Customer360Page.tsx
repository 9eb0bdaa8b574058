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
import { RelatedLists } from '../record/RelatedLists';
import { editableFields, recordDocument } from '../record-documents';
import { recordTitle } from '../record-title';
import { Refused } from '../Refused';
import { timeline } from './timeline';
import './c360.css';

/** `/workspace/:entity/:id/360`: a record's timeline, owner and assignment trace, related records, duplicates and merges. */
export function Customer360Page() {
  const { id = '' } = useParams();
  return (
    <EntityRoute>
      {(entity, api) => <View360 key={`${entity.name}/${id}`} entity={entity} api={api} id={id} />}
    </EntityRoute>
  );
}

type Row = Record<string, unknown> & { id: string };

function View360({ entity, api, id }: { entity: EntityDefinition; api: EntityApi; id: string }) {
  const { t, i18n } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
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
      <Refused errors={[record.error, history.error, traces.error, merges.error, undo.error]} />
      <div className="c360__grid">
        <section className="card" aria-labelledby="c360-owner">
          <h3 id="c360-owner">{t('ownerAndAssignment')}</h3>
          <p data-testid="c360-owner">
            {t('currentOwner')}: <strong>{owner ?? traces.data?.[0]?.owner ?? '—'}</strong>
          </p>
          {traces.data?.length === 0 && <p className="muted">{t('noAssignment')}</p>}
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
                <Link className="button button--secondary" to={`/workspace/${entity.name}/merge?ids=${id},${d.id}`}>
                  {t('mergeEllipsis')}
                </Link>
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
                    ) : (
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
        <h3 id="c360-timeline">{t('timeline')}</h3>
        <ol className="timeline" data-testid="c360-timeline">
          {history.data?.map((e) => (
            <li key={e.position} data-operation={e.operation}>
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
                      {f.definition ? label(f.definition.label, f.field) : f.field}: {show(f.definition, f.before)} →{' '}
                      {show(f.definition, f.after)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      <RelatedLists api={api} recordId={id} />
    </div>
  );
}
