import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import type { EntityDefinition } from '../../metamodel';
import { PublishDialog } from '../publish/PublishDialog';
import { publishedKey } from './source';
import { editorHref, useDrafts } from './useDrafts';

/** `/designer`: the drafts waiting to be published and the published entities, each opening the editor. */
export default function EntityDesignerPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const drafts = useDrafts();
  const metadata = useMetadata();
  const [publishing, setPublishing] = useState(false);
  if (drafts.isError || metadata.isError) {
    return <ErrorPanel error={drafts.error ?? metadata.error} />;
  }
  if (!drafts.data || !metadata.data) {
    return <p className="status">{t('loading')}</p>;
  }
  return (
    <div>
      <div className="toolbar">
        <h2>{t('draftsHeading', { count: drafts.data.length })}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={editorHref('new')}>
          {t('newEntity')}
        </Link>
        <button
          type="button"
          className="button button--secondary"
          disabled={drafts.data.length === 0}
          onClick={() => setPublishing(true)}
        >
          {t('publish')}
        </button>
      </div>
      {drafts.data.length === 0 ? (
        <p className="empty">{t('noDrafts')}</p>
      ) : (
        <ul className="link-list" data-testid="draft-list">
          {drafts.data.map((d) => {
            const def = d.definition as Partial<EntityDefinition>;
            return (
              <li key={d.key}>
                <Link to={editorHref(d.key)} data-draft={d.key}>
                  {label(def.label, d.name)}
                </Link>{' '}
                <code>{d.name}</code> <span className="badge">{t('draftBadge')}</span>{' '}
                <span className="muted">
                  {t('updatedBy', { user: d.updatedBy ?? t('someone'), time: new Date(d.updatedAt).toLocaleString() })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t('publishedEntities')}</h2>
      <ul className="link-list" data-testid="published-list">
        {metadata.data.entities.map((e) => (
          <li key={e.name}>
            <Link to={editorHref(publishedKey(e.name))} data-entity={e.name}>
              {label(e.label, e.name)}
            </Link>{' '}
            <code>{e.name}</code>
          </li>
        ))}
      </ul>
      {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
    </div>
  );
}
