import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ClaimRecordMutation, PoolRecordsQuery, RecyclePoolMutation, ReleaseRecordMutation } from '../../api/generated';
import { useMetadata } from '../../api/metadata';
import { CLAIM_RECORD, POOL_RECORDS, RECYCLE_POOL, RELEASE_RECORD } from '../../api/workspace-operations';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { hasCapability } from '../../app/permissions/permission-model';
import { usePermissions } from '../../app/permissions/usePermissions';
import { useLocale } from '../../app/useLocale';
import { usePools } from '../../designer/rules/useRuleDefinitions';
import { recordTitle } from '../record-title';
import { refusalOf } from './refusal';

/** Most records the pool screen lists (the API's page limit). */
const PAGE = 100;

type Waiting = NonNullable<PoolRecordsQuery['poolRecords']>[number];

/**
 * `/workspace/pool/:pool`: the records waiting in a public pool, longest waiting first; claim one (the
 * server may refuse: daily cap, records held, cool-down, someone was first) and give claimed ones back.
 */
export function PoolPage() {
  const { t, i18n } = useTranslation();
  const { label } = useLocale();
  const { pool: name = '' } = useParams();
  const client = useClient();
  const queryClient = useQueryClient();
  const metadata = useMetadata();
  const pools = usePools();
  const [claimed, setClaimed] = useState<Waiting[]>([]);
  const [outcome, setOutcome] = useState<{ id: string; ok: boolean; text: string }>();
  const key = ['pool', name];
  const waiting = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      client
        .request<PoolRecordsQuery>(POOL_RECORDS, { pool: name, first: PAGE }, signal)
        .then((d) => d.poolRecords ?? []),
  });
  const refused = (id: string) => (error: unknown) => {
    const r = refusalOf(error);
    if (r) setOutcome({ id, ok: false, text: r.message });
  };
  const claim = useMutation({
    mutationFn: (w: Waiting) => client.request<ClaimRecordMutation>(CLAIM_RECORD, { pool: name, id: w.id }),
    onSuccess: (_, w) => {
      setClaimed((list) => [w, ...list.filter((x) => x.id !== w.id)]);
      setOutcome({ id: w.id, ok: true, text: t('claimed') });
    },
    onError: (error, w) => refused(w.id)(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const release = useMutation({
    mutationFn: (w: Waiting) => client.request<ReleaseRecordMutation>(RELEASE_RECORD, { pool: name, id: w.id }),
    onSuccess: (_, w) => {
      setClaimed((list) => list.filter((x) => x.id !== w.id));
      setOutcome({ id: w.id, ok: true, text: t('released') });
    },
    onError: (error, w) => refused(w.id)(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  // sending records back now, instead of at the scheduled check, is for those who manage pools
  const managesPools = hasCapability(usePermissions().data, 'managePools');
  const recycle = useMutation({
    mutationFn: () => client.request<RecyclePoolMutation>(RECYCLE_POOL, { pool: name }),
    onSuccess: (d) => setOutcome({ id: '', ok: true, text: t('recycledNow', { count: d.recyclePool ?? 0 }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const definition = pools.data?.find((p) => p.name === name);
  const entity = metadata.data?.entities.find((e) => e.name === definition?.entity);
  const failure = [waiting.error, claim.error, release.error, recycle.error].find((e) => e && !refusalOf(e));
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const title = (w: Waiting) => (
    <Link to={`/workspace/${w.entity}/${w.id}`}>{recordTitle(entity, w.values, w.id)}</Link>
  );
  return (
    <div>
      <div className="toolbar">
        <h2>
          {t('poolHeading')} · {definition ? label(definition.label, name) : name}
        </h2>
        <span className="spacer" />
        {managesPools && (
          <button
            type="button"
            className="button button--secondary"
            disabled={recycle.isPending}
            onClick={() => recycle.mutate()}
          >
            {t('recycleNow')}
          </button>
        )}
      </div>
      {definition && <PoolRules limits={definition.claimLimits} cooldownDays={definition.cooldownDays} />}
      {outcome && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'success' : 'error'}
          data-testid="pool-outcome"
        >
          {outcome.text}
        </p>
      )}
      {failure ? <ErrorPanel error={failure} /> : null}
      {waiting.data?.length === 0 && <p className="empty">{t('poolEmpty')}</p>}
      {waiting.data && waiting.data.length > 0 && (
        <table className="data-table" data-testid="pool-table">
          <thead>
            <tr>
              <th scope="col">{t('records')}</th>
              <th scope="col">{t('enteredAt')}</th>
              <th scope="col">{t('previousOwner')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('claim')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {waiting.data.map((w) => (
              <tr key={w.id} data-id={w.id}>
                <td>{title(w)}</td>
                <td>{format.format(new Date(w.enteredAt))}</td>
                <td>{w.previousOwner ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={claim.isPending}
                    onClick={() => claim.mutate(w)}
                  >
                    {t('claim')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {claimed.length > 0 && (
        <section className="card" aria-labelledby="claimed-heading">
          <h3 id="claimed-heading">{t('claimedHere')}</h3>
          <ul className="link-list" data-testid="claimed-list">
            {claimed.map((w) => (
              <li key={w.id}>
                {title(w)}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={release.isPending}
                  onClick={() => release.mutate(w)}
                >
                  {t('release')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The pool's rules a claimant should know: daily cap, records held, cool-down. */
function PoolRules({ limits, cooldownDays }: { limits?: { perDay?: number; held?: number }; cooldownDays?: number }) {
  const { t } = useTranslation();
  const parts = [
    limits?.perDay ? t('rulePerDay', { count: limits.perDay }) : undefined,
    limits?.held ? t('ruleHeld', { count: limits.held }) : undefined,
    cooldownDays ? t('ruleCooldown', { count: cooldownDays }) : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? <p className="muted">{parts.join(' · ')}</p> : null;
}
