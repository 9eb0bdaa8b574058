import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidatesQuery } from '../../api/generated';
import { DUPLICATE_CANDIDATES } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { toCandidates } from './duplicates';

/** While the user types: the records these values would duplicate, by the entity's matching rules. */
export function DuplicateWarning({
  entity,
  recordId,
  values,
}: {
  entity: string;
  recordId?: string;
  values?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const candidates = useQuery({
    queryKey: ['duplicateCandidates', entity, recordId, values],
    enabled: values !== undefined,
    queryFn: ({ signal }) =>
      client
        .request<DuplicateCandidatesQuery>(DUPLICATE_CANDIDATES, { entity, data: values, id: recordId ?? null }, signal)
        .then((d) => toCandidates(d.duplicateCandidates ?? [])),
  });
  const found = candidates.data ?? [];
  if (found.length === 0) return null;
  return (
    <aside className="duplicate-warning" role="status" data-testid="duplicate-warning">
      <strong>{t('possibleDuplicates', { count: found.length })}</strong>
      <ul>
        {found.map((c) => (
          <li key={`${c.rule}:${c.id}`}>
            <Link to={`/workspace/${entity}/${c.id}`}>{c.id.slice(0, 8)}</Link>{' '}
            {t('duplicateDetail', { rule: c.rule, score: c.score, matched: c.matched.join(', ') })}
            {c.action === 'block' && ` ${t('duplicateBlock')}`}
          </li>
        ))}
      </ul>
    </aside>
  );
}
