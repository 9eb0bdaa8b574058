import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import type { EntityAccess } from '../../app/permissions/permission-model';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { displayText, filterInput, selection, specOf, type FilterState } from '../../fields/registry';
import { FilterWidget } from '../../fields/widgets';
import type { Field } from '../../metamodel';
import { listDocument, type ListArgs } from '../record-documents';
import { EntityRoute } from '../EntityRoute';
import { SavedViewsBar } from './SavedViewsBar';

const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_COLUMNS = 6;

interface ListResult {
  rows: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<Record<string, unknown>>;
  };
}

/** A list view of one entity: columns to choose, a filter per field, sort by header, paging by cursor. */
export function ListView() {
  return (
    <EntityRoute>
      {(entity, api, access) => (
        <List
          key={entity.name}
          fields={entity.fields}
          entityName={entity.name}
          title={entity.label}
          api={api}
          access={access}
        />
      )}
    </EntityRoute>
  );
}

interface ListProps {
  fields: Field[];
  entityName: string;
  title: Partial<Record<string, string>>;
  api: EntityApi;
  access: EntityAccess;
}

function List({ fields, entityName, title, api, access }: ListProps) {
  const { t } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const [columns, setColumns] = useState(() =>
    fields
      .filter((f) => f.type !== 'json')
      .slice(0, DEFAULT_COLUMNS)
      .map((f) => f.name),
  );
  const [draftFilters, setDraftFilters] = useState<Record<string, FilterState>>({});
  const [filters, setFilters] = useState<Record<string, FilterState>>({});
  const [sort, setSort] = useState<{ field: string; direction: 'ASC' | 'DESC' }>();
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);

  const shown = fields.filter((f) => columns.includes(f.name));
  const args: ListArgs = useMemo(() => {
    const filter = Object.fromEntries(
      fields.flatMap((f) => {
        const input = filters[f.name] ? filterInput(f, filters[f.name]!) : undefined;
        return input ? [[f.name, input]] : [];
      }),
    );
    return {
      first: pageSize,
      after: cursors[cursors.length - 1],
      ...(Object.keys(filter).length ? { filter } : {}),
      ...(sort ? { orderBy: [{ [sort.field]: sort.direction }] } : {}),
    };
  }, [fields, filters, sort, cursors, pageSize]);

  const document = listDocument(api, shown);
  const rows = useQuery<ListResult['rows']>({
    queryKey: ['records', entityName, document, args],
    queryFn: ({ signal }) => client.request<ListResult>(document, { ...args }, signal).then((d) => d.rows),
    placeholderData: keepPreviousData,
  });

  const yesNo: [string, string] = [t('yes'), t('no')];
  const filterable = fields.filter((f) => specOf(f).filter !== 'none');
  const resetPaging = () => setCursors([undefined]);

  return (
    <div>
      <div className="toolbar">
        <h2>{label(title, entityName)}</h2>
        <span className="muted" data-testid="total">
          {rows.data ? t('total', { count: rows.data.totalCount }) : ''}
        </span>
        <span className="spacer" />
        {fields.some((f) => (f.type === 'stage' || f.type === 'picklist') && f.options?.length) && (
          <Link className="button button--secondary" to={`/workspace/${entityName}/board`}>
            {t('board')}
          </Link>
        )}
        {access.restore && (
          <Link className="button button--secondary" to={`/workspace/${entityName}/bin`}>
            {t('recycleBin')}
          </Link>
        )}
        {access.import && (
          <Link className="button button--secondary" to={`/workspace/${entityName}/import`}>
            {t('importCsv')}
          </Link>
        )}
        {access.create && (
          <Link className="button button--primary" to={`/workspace/${entityName}/new`}>
            {t('newRecord')}
          </Link>
        )}
      </div>
      <SavedViewsBar
        entity={entityName}
        fields={fields}
        pageSizes={PAGE_SIZES}
        current={{ columns, filters, ...(sort ? { sort } : {}), pageSize }}
        onApply={(view) => {
          if (view.columns.length) setColumns(view.columns);
          setDraftFilters(view.filters);
          setFilters(view.filters);
          setSort(view.sort);
          setPageSize(view.pageSize);
          resetPaging();
        }}
      />
      <details className="card">
        <summary>{t('filters')}</summary>
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draftFilters);
            resetPaging();
          }}
        >
          {filterable.map((f) => (
            <label key={f.name}>
              {label(f.label, f.name)}
              <FilterWidget
                field={f}
                id={`filter-${f.name}`}
                state={draftFilters[f.name] ?? {}}
                onChange={(s) => setDraftFilters({ ...draftFilters, [f.name]: s })}
              />
            </label>
          ))}
          <div className="dialog__actions">
            <button type="submit" className="button button--primary">
              {t('applyFilters')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraftFilters({});
                setFilters({});
                resetPaging();
              }}
            >
              {t('clearFilters')}
            </button>
          </div>
        </form>
        <fieldset className="checks">
          <legend>{t('fieldsHeading')}</legend>
          {fields.map((f) => (
            <label key={f.name}>
              <input
                type="checkbox"
                checked={columns.includes(f.name)}
                onChange={(e) =>
                  setColumns(
                    e.target.checked
                      ? fields.filter((x) => x.name === f.name || columns.includes(x.name)).map((x) => x.name)
                      : columns.filter((c) => c !== f.name),
                  )
                }
              />
              {label(f.label, f.name)}
            </label>
          ))}
        </fieldset>
      </details>
      {rows.isError && <ErrorPanel error={rows.error} onRetry={() => void rows.refetch()} />}
      {rows.data && rows.data.nodes.length === 0 && <p className="empty">{t('noRecords')}</p>}
      {rows.data && rows.data.nodes.length > 0 && (
        <table className="data-table" data-testid="record-table">
          <thead>
            <tr>
              {shown.map((f) => (
                <th
                  key={f.name}
                  scope="col"
                  aria-sort={
                    sort?.field === f.name ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {specOf(f).sortable ? (
                    <button
                      type="button"
                      title={t('sortBy', { field: label(f.label, f.name) })}
                      onClick={() => {
                        setSort({
                          field: f.name,
                          direction: sort?.field === f.name && sort.direction === 'ASC' ? 'DESC' : 'ASC',
                        });
                        resetPaging();
                      }}
                    >
                      {label(f.label, f.name)} {sort?.field === f.name ? (sort.direction === 'ASC' ? '▲' : '▼') : ''}
                    </button>
                  ) : (
                    label(f.label, f.name)
                  )}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('view360')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.data.nodes.map((node) => (
              <tr key={String(node.id)}>
                {shown.map((f, i) => {
                  const text = displayText(f, node[selection(f)], locale, yesNo);
                  return (
                    <td key={f.name}>
                      {i === 0 ? (
                        <Link to={`/workspace/${entityName}/${String(node.id)}`}>
                          {text || String(node.id).slice(0, 8)}
                        </Link>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
                <td>
                  <Link className="muted" to={`/workspace/${entityName}/${String(node.id)}/360`}>
                    {t('view360')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="button button--secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('previousPage')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!rows.data?.pageInfo.hasNextPage}
          onClick={() => rows.data?.pageInfo.endCursor && setCursors([...cursors, rows.data.pageInfo.endCursor])}
        >
          {t('nextPage')}
        </button>
        <label>
          {t('pageSize')}{' '}
          <select
            id="page-size"
            value={pageSize}
            onChange={(e) => {
              setPageSize(Number(e.target.value));
              resetPaging();
            }}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
