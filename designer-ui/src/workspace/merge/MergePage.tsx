import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { MergeRecordsMutation, UndoMergeMutation } from '../../api/generated';
import type { EntityApi } from '../../api/metadata';
import { MERGE_RECORDS, UNDO_MERGE } from '../../api/workspace-operations';
import { useClient } from '../../app/ClientContext';
import { useLocale } from '../../app/useLocale';
import { displayText, selection } from '../../fields/registry';
import type { EntityDefinition } from '../../metamodel';
import { NotAllowed } from '../../app/permissions/NotAllowed';
import { EntityRoute } from '../EntityRoute';
import { editableFields, recordDocument } from '../record-documents';
import { recordTitle } from '../record-title';
import { Refused } from '../Refused';
import '../c360/c360.css';
import { defaultChoices, differing, fieldChoices, type Choices, type MergeSide } from './merge-model';

/** `/workspace/:entity/merge?ids=a,b`: duplicates side by side; pick per field which value wins, merge, undo. */
export function MergePage() {
  return (
    <EntityRoute>
      {(entity, api, access) => (access.merge ? <Merge key={entity.name} entity={entity} api={api} /> : <NotAllowed />)}
    </EntityRoute>
  );
}

type Row = Record<string, unknown> & { id: string };

function Merge({ entity, api }: { entity: EntityDefinition; api: EntityApi }) {
  const { t } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  // the records, their timelines and merge histories changed
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['records', entity.name] });
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
  const fields = useMemo(() => editableFields(entity, 'update'), [entity]);
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['records', entity.name, id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        client.request<{ record: Row | null }>(recordDocument(api, entity), { id }, signal).then((d) => d.record),
    })),
  });
  const sides: MergeSide[] = results
    .map((r) => r.data)
    .filter((r): r is Row => !!r)
    .map((r) => ({ id: r.id, values: Object.fromEntries(fields.map((f) => [f.name, r[selection(f)]])) }));
  const loaded = results.length > 0 && results.every((r) => r.isSuccess) && sides.length === ids.length;
  const [survivor, setSurvivor] = useState(ids[0] ?? '');
  const [choices, setChoices] = useState<Choices>();
  const names = fields.map((f) => f.name);
  const chosen = choices ?? (loaded ? defaultChoices(names, sides, survivor) : {});
  const merge = useMutation({
    mutationFn: () =>
      client
        .request<MergeRecordsMutation>(MERGE_RECORDS, {
          entity: entity.name,
          survivorId: survivor,
          mergedIds: ids.filter((id) => id !== survivor),
          fields: fieldChoices(chosen, survivor),
        })
        .then((d) => d.mergeRecords),
    onSettled: refresh,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) =>
      client.request<UndoMergeMutation>(UNDO_MERGE, { mergeId }).then((d) => d.undoMerge),
    onSettled: refresh,
  });
  const changed = new Set(loaded ? differing(names, sides) : []);
  const yesNo: [string, string] = [t('yes'), t('no')];
  const title = (s: MergeSide) => recordTitle(entity, s.values, s.id);

  return (
    <div>
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>
          {label(entity.label, entity.name)} · {t('mergeHeading')}
        </h2>
      </div>
      <Refused errors={[results.find((r) => r.isError)?.error, merge.error, undo.error]} />
      {ids.length < 2 && <p className="empty">{t('mergeNeedsTwo')}</p>}
      {!loaded && !merge.data && ids.length >= 2 && !results.some((r) => r.isError) && <p className="status">{t('loading')}</p>}
      {merge.data && (
        <div role="status" className="success" data-testid="merge-result">
          {undo.data?.undone
            ? t('mergeUndone')
            : t('merged', { count: merge.data.mergedIds.length, refs: merge.data.repointed })}{' '}
          <Link to={`/workspace/${entity.name}/${merge.data.survivorId}/360`}>{t('open360')}</Link>{' '}
          {!undo.data?.undone && (
            <button
              type="button"
              className="button button--secondary"
              disabled={undo.isPending}
              onClick={() => merge.data && undo.mutate(merge.data.mergeId)}
            >
              {t('undoMerge')}
            </button>
          )}
        </div>
      )}
      {loaded && !merge.data && (
        <>
          <p className="muted">{t('mergeHint')}</p>
          <table className="data-table merge-table" data-testid="merge-table">
            <thead>
              <tr>
                <th scope="col">{t('conditionField')}</th>
                {sides.map((s) => (
                  <th scope="col" key={s.id}>
                    <label>
                      <input
                        type="radio"
                        name="survivor"
                        checked={survivor === s.id}
                        onChange={() => {
                          setSurvivor(s.id);
                          setChoices(defaultChoices(names, sides, s.id));
                        }}
                      />
                      {t('keepRecord', { title: title(s) })}
                    </label>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr
                  key={f.name}
                  data-field={f.name}
                  className={changed.has(f.name) ? 'merge-table__differs' : undefined}
                >
                  <th scope="row">{label(f.label, f.name)}</th>
                  {sides.map((s) => (
                    <td key={s.id}>
                      <label>
                        <input
                          type="radio"
                          name={`choice-${f.name}`}
                          aria-label={`${label(f.label, f.name)}: ${title(s)}`}
                          checked={chosen[f.name] === s.id}
                          onChange={() => setChoices({ ...chosen, [f.name]: s.id })}
                        />
                        {displayText(f, s.values[f.name], locale, yesNo) || '—'}
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="button button--primary"
            disabled={merge.isPending}
            onClick={() => merge.mutate()}
          >
            {t('mergeRecords', { count: ids.length })}
          </button>
        </>
      )}
    </div>
  );
}
