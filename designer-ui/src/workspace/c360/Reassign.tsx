import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RunAssignmentMutation } from '../../api/generated';
import { RUN_ASSIGNMENT } from '../../api/workspace-operations';
import { useClient } from '../../app/ClientContext';
import { Refused } from '../Refused';

type Outcome = NonNullable<RunAssignmentMutation['runAssignment']>[number];

/**
 * Runs the entity's active assignment rule again over one record (for those who manage pools): first
 * a dry run saying who would get it and by which entry, then, once confirmed, for real.
 */
export function Reassign({ entity, id }: { entity: string; id: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const run = (dryRun: boolean) =>
    client
      .request<RunAssignmentMutation>(RUN_ASSIGNMENT, { entity, ids: [id], dryRun })
      .then((d): Outcome | null => d.runAssignment?.find((o) => o.id === id) ?? null);
  const preview = useMutation({ mutationFn: () => run(true) });
  const apply = useMutation({
    mutationFn: () => run(false),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['records', entity] }),
  });
  const outcome = preview.data;
  return (
    <div data-testid="reassign">
      {!outcome || apply.isSuccess ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={preview.isPending}
          onClick={() => {
            apply.reset();
            preview.mutate();
          }}
        >
          {t('reassign')}
        </button>
      ) : (
        <p>
          {t('reassignPreview', {
            owner: outcome.owner ?? '—',
            rule: outcome.trace.rule,
            entry: outcome.trace.entry ?? t('fallback'),
          })}{' '}
          <button
            type="button"
            className="button button--primary"
            disabled={apply.isPending}
            onClick={() => apply.mutate()}
          >
            {t('reassignConfirm')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => preview.reset()}>
            {t('cancel')}
          </button>
        </p>
      )}
      {preview.isSuccess && !outcome && <p className="muted">{t('reassignNone')}</p>}
      {apply.isSuccess && (
        <p role="status" className="success">
          {t('reassigned', { owner: apply.data?.owner ?? '—' })}
        </p>
      )}
      <Refused errors={[preview.error, apply.error]} />
    </div>
  );
}
