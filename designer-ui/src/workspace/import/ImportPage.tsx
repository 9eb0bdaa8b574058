import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { FormValueError } from '../../fields/registry';
import type { EntityDefinition } from '../../metamodel';
import { importDocument } from '../record-documents';
import { NotAllowed } from '../../app/permissions/NotAllowed';
import { EntityRoute } from '../EntityRoute';
import { cellValue, fieldTitle, guessField, importableFields, parseCsv } from './csv-import';

/** Rows sent per request, so progress shows and one request stays small (the API takes up to 1,000). */
const BATCH = 100;

type Status = 'CREATED' | 'SKIPPED' | 'FAILED';
interface RowResult {
  line: number;
  status: Status;
  messages: string[];
}
interface ImportResult {
  result: {
    rows: Array<{
      row: number;
      status: Status;
      problems: Array<{ message: string }>;
      warnings: Array<{ message: string }>;
    }>;
  };
}

/** `/workspace/:entity/import`: a CSV file, a field per column, then an import with progress and per-row results. */
export function ImportPage() {
  return (
    <EntityRoute>
      {(entity, api, access) =>
        access.import ? <Importer key={entity.name} entity={entity} api={api} /> : <NotAllowed />
      }
    </EntityRoute>
  );
}

function Importer({ entity, api }: { entity: EntityDefinition; api: EntityApi }) {
  const { t } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  const fields = importableFields(entity);
  const [table, setTable] = useState<string[][]>();
  const [mapping, setMapping] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [results, setResults] = useState<RowResult[]>();
  const [failure, setFailure] = useState<unknown>();

  const header = table?.[0] ?? [];
  const rows = table?.slice(1) ?? [];

  const load = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseCsv(await file.text());
    setTable(parsed);
    setMapping((parsed[0] ?? []).map((h) => guessField(h, fields)));
    setResults(undefined);
    setProgress(undefined);
  };

  const run = async () => {
    const out: RowResult[] = [];
    const pending: Array<{ line: number; input: Record<string, unknown> }> = [];
    rows.forEach((cells, index) => {
      const line = index + 2; // the header is line 1
      const input: Record<string, unknown> = {};
      const problems: string[] = [];
      mapping.forEach((name, column) => {
        const field = fields.find((f) => f.name === name);
        if (!field) return;
        try {
          input[field.name] = cellValue(field, cells[column] ?? '');
        } catch (e) {
          if (!(e instanceof FormValueError)) throw e;
          problems.push(`${label(field.label, field.name)}: ${t(e.key)}`);
        }
      });
      if (problems.length) out.push({ line, status: 'FAILED', messages: problems });
      else pending.push({ line, input });
    });
    setProgress({ done: 0, total: rows.length });
    setFailure(undefined);
    try {
      for (let start = 0; start < pending.length; start += BATCH) {
        const batch = pending.slice(start, start + BATCH);
        const answer = await client.request<ImportResult>(importDocument(api), { inputs: batch.map((b) => b.input) });
        for (const r of answer.result.rows) {
          out.push({
            line: batch[r.row - 1]!.line,
            status: r.status,
            messages: [...r.problems, ...r.warnings].map((p) => p.message),
          });
        }
        setProgress({ done: out.length, total: rows.length });
      }
      setProgress({ done: rows.length, total: rows.length });
    } catch (e) {
      setFailure(e);
    }
    setResults(out.sort((a, b) => a.line - b.line));
    await queryClient.invalidateQueries({ queryKey: ['records', entity.name] });
  };

  const count = (status: Status) => results?.filter((r) => r.status === status).length ?? 0;
  return (
    <div>
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>
          {label(entity.label, entity.name)} · {t('importCsv')}
        </h2>
      </div>
      <label className="block">
        {t('csvFile')}
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      {table && rows.length === 0 && <p className="empty">{t('emptyCsv')}</p>}
      {rows.length > 0 && (
        <>
          <h3>{t('columnMapping')}</h3>
          <table className="data-table" data-testid="csv-mapping">
            <thead>
              <tr>
                <th scope="col">{t('csvColumn')}</th>
                <th scope="col">{t('sample')}</th>
                <th scope="col">{t('fieldName')}</th>
              </tr>
            </thead>
            <tbody>
              {header.map((h, column) => (
                <tr key={column}>
                  <td>{h}</td>
                  <td className="muted">{rows[0]?.[column] ?? ''}</td>
                  <td>
                    <select
                      id={`map-${column}`}
                      aria-label={`${t('columnMapping')}: ${h}`}
                      value={mapping[column] ?? ''}
                      onChange={(e) => setMapping(mapping.map((m, i) => (i === column ? e.target.value : m)))}
                    >
                      <option value="">{t('skipColumn')}</option>
                      {fields.map((f) => (
                        <option key={f.name} value={f.name}>
                          {fieldTitle(f, locale)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            <button
              type="button"
              className="button button--primary"
              disabled={Boolean(progress && progress.done < progress.total && !results)}
              onClick={() => void run()}
            >
              {t('startImport', { count: rows.length })}
            </button>
            {progress && (
              <progress aria-label={t('importProgress')} max={progress.total} value={progress.done}>
                {progress.done}/{progress.total}
              </progress>
            )}
          </div>
        </>
      )}
      {failure !== undefined && <ErrorPanel error={failure} />}
      {results && (
        <>
          <p role="status" data-testid="import-summary">
            {t('importSummary', { created: count('CREATED'), skipped: count('SKIPPED'), failed: count('FAILED') })}
          </p>
          <table className="data-table" data-testid="import-results">
            <thead>
              <tr>
                <th scope="col">{t('csvRow')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('messages')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.line} data-status={r.status}>
                  <td>{r.line}</td>
                  <td>{t(`status_${r.status}`)}</td>
                  <td>{r.messages.join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
