import { useTranslation } from 'react-i18next';
import type { AssignmentPreviewQuery } from '../../api/generated';
import type { EntityDefinition } from '../../metamodel';
import { recordTitle } from '../../workspace/record-title';
import { PreviewCard } from './PreviewCard';

type Preview = AssignmentPreviewQuery['assignmentPreview'];

interface Props {
  entity: EntityDefinition | undefined;
  pending: boolean;
  error: unknown;
  preview: Preview | undefined;
  onRun: () => void;
}

/** "Who would get which of the last 100 records": the server's dry run of the rule as edited. */
export function AssignmentPreviewPanel({ entity, pending, error, preview, onRun }: Props) {
  const { t } = useTranslation();
  return (
    <PreviewCard
      id="assignment-preview"
      heading={t('assignmentPreview')}
      pending={pending}
      error={error}
      problems={preview?.problems}
      summary={preview ? t('previewCount', { count: preview.outcomes.length }) : ''}
      onRun={onRun}
    >
      {preview && preview.outcomes.length > 0 && (
        <table className="data-table" data-testid="assignment-preview">
          <thead>
            <tr>
              <th scope="col">{t('records')}</th>
              <th scope="col">{t('ownerBefore')}</th>
              <th scope="col">{t('ownerAfter')}</th>
              <th scope="col">{t('decidedBy')}</th>
              <th scope="col">{t('why')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.outcomes.map((o) => (
              <tr key={o.id} data-owner={o.owner ?? ''}>
                <td>{recordTitle(entity, o.values, o.id)}</td>
                <td>{o.ownerBefore ?? '—'}</td>
                <td>
                  <strong>
                    {o.owner ?? (o.trace.target ? `${t(`target_${o.trace.target.type}`)} ${o.trace.target.key}` : '—')}
                  </strong>
                </td>
                <td>{o.trace.entry ?? t('fallback')}</td>
                <td>
                  {o.trace.why ??
                    (o.trace.strategy ? t(`strategy_${o.trace.strategy}`, { defaultValue: o.trace.strategy }) : '')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PreviewCard>
  );
}
