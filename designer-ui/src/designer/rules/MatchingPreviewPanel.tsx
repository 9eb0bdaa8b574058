import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchingPreviewQuery } from '../../api/generated';
import type { EntityDefinition } from '../../metamodel';
import { recordTitle } from '../../workspace/record-title';
import { PreviewCard } from './PreviewCard';

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
    <PreviewCard
      id="matching-preview"
      heading={t('matchingPreview')}
      pending={pending}
      error={error}
      problems={preview?.problems}
      summary={preview ? t('flaggedCount', { count: preview.flagged.length }) : ''}
      onRun={onRun}
    >
      {preview && preview.flagged.length > 0 && (
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
                  <Link to={href(f.duplicateOfId)}>{recordTitle(entity, f.duplicateOfValues, f.duplicateOfId)}</Link>
                </td>
                <td>{Math.round(f.score * 100)}%</td>
                <td>{f.matched.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PreviewCard>
  );
}
