import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchingPreviewQuery } from '../../api/generated';
import { ErrorPanel } from '../../app/ErrorPanel';
import type { EntityDefinition } from '../../metamodel';
import { recordTitle } from '../../workspace/record-title';
import { ProblemNote } from '../ProblemNote';

type Preview = MatchingPreviewQuery['matchingPreview'];

interface Props {
  entity: EntityDefinition | undefined;
  pending: boolean;
  error: unknown;
  preview: Preview | undefined;
  onRun: () => void;
}

/** "Which stored records would this rule flag": the server's dry run of the rule as edited. */
export function MatchingPreviewPanel({ entity, pending, error, preview, onRun }: Props) {
  const { t } = useTranslation();
  const href = (id: string) => `/workspace/${entity?.name ?? ''}/${id}`;
  return (
    <section className="card preview" aria-labelledby="matching-preview-heading">
      <div className="toolbar">
        <h3 id="matching-preview-heading">{t('matchingPreview')}</h3>
        <span className="spacer" />
        <button type="button" className="button button--secondary" disabled={pending} onClick={onRun}>
          {t('runPreview')}
        </button>
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      {preview && <ProblemNote id="preview-problems" problems={preview.problems} />}
      {preview && preview.problems.length === 0 && (
        <>
          <p className="muted" role="status">
            {t('flaggedCount', { count: preview.flagged.length })}
          </p>
          {preview.flagged.length > 0 && (
            <table className="data-table" data-testid="matching-preview">
              <thead>
                <tr>
                  <th scope="col">{t('records')}</th>
                  <th scope="col">{t('duplicateOf')}</th>
                  <th scope="col">{t('score')}</th>
                  <th scope="col">{t('matchedFields')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.flagged.map((f) => (
                  <tr key={`${f.id}-${f.duplicateOfId}`}>
                    <td>
                      <Link to={href(f.id)}>{recordTitle(entity, f.values, f.id)}</Link>
                    </td>
                    <td>
                      <Link to={href(f.duplicateOfId)}>
                        {recordTitle(entity, f.duplicateOfValues, f.duplicateOfId)}
                      </Link>
                    </td>
                    <td>{Math.round(f.score * 100)}%</td>
                    <td>{f.matched.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
