import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionDefinitionsQuery } from '../../api/generated';
import { VERSION_DEFINITIONS } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { diffVersions } from './version-diff';

function useVersionDefinitions(version: number | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: ['versionDefinitions', version],
    enabled: version !== undefined,
    staleTime: Infinity, // a stored version never changes
    queryFn: ({ signal }) =>
      client
        .request<VersionDefinitionsQuery>(VERSION_DEFINITIONS, { version }, signal)
        .then((d) => d.metadataVersionDefinitions),
  });
}

/** Two version pickers and what changed between them, definition by definition. */
export function VersionCompare({ versions }: { versions: readonly number[] }) {
  const { t } = useTranslation();
  const newest = versions[0];
  const [to, setTo] = useState<number | undefined>(newest);
  const [from, setFrom] = useState<number | undefined>(versions[1] ?? newest);
  const before = useVersionDefinitions(from);
  const after = useVersionDefinitions(to);
  const changes = before.data && after.data ? diffVersions(before.data, after.data) : undefined;
  const picker = (id: string, text: string, value: number | undefined, set: (v: number) => void) => (
    <label>
      {text}
      <select id={id} value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="card" aria-labelledby="compare-heading">
      <h3 id="compare-heading">{t('compareHeading')}</h3>
      <div className="add-row">
        {picker('compare-from', t('fromVersion'), from, setFrom)}
        {picker('compare-to', t('toVersion'), to, setTo)}
      </div>
      {(before.isError || after.isError) && <ErrorPanel error={before.error ?? after.error} />}
      {changes && changes.length === 0 && <p className="muted">{t('noDifferences')}</p>}
      {changes && changes.length > 0 && (
        <ul className="change-list" data-testid="version-diff">
          {changes.map((c) => (
            <li key={`${c.kind}:${c.name}`}>
              <strong>{t(`change_${c.change}`)}</strong> <code>{c.kind}</code> <code>{c.name}</code>
              {c.parts.length > 0 && (
                <ul>
                  {c.parts.map((p, i) => (
                    <li key={i}>
                      {t(`change_${p.change}`)} {t(`part_${p.part}`)} <code>{p.name}</code>
                      {p.properties && <span className="muted"> ({p.properties.join(', ')})</span>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
