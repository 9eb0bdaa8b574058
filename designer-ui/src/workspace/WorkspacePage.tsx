import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { ErrorPanel } from '../app/ErrorPanel';
import { useVisibleMetadata } from '../app/permissions/usePermissions';
import { useLocale } from '../app/useLocale';
import { RecycleBinPage } from './bin/RecycleBin';
import { ImportPage } from './import/ImportPage';
import { KanbanView } from './kanban/KanbanView';
import { Customer360Page } from './c360/Customer360Page';
import { ListView } from './list/ListView';
import { MergePage } from './merge/MergePage';
import { PoolNav } from './pool/PoolNav';
import { PoolPage } from './pool/PoolPage';
import { RecordPage } from './record/RecordPage';

/** `/workspace/*`: navigation by entity, then its list or one of its records. */
export default function WorkspacePage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const metadata = useVisibleMetadata(); // only the entities the user may read
  if (metadata.isError) {
    return <ErrorPanel error={metadata.error} onRetry={metadata.refetch} />;
  }
  return (
    <div className="workspace">
      <nav className="entity-nav" aria-label={t('navWorkspace')}>
        <ul>
          {metadata.data?.entities.map((e) => (
            <li key={e.name}>
              <NavLink to={`/workspace/${e.name}`} data-entity={e.name}>
                {label(e.label, e.name)}
              </NavLink>
            </li>
          ))}
        </ul>
        <PoolNav />
      </nav>
      <section className="workspace__main">
        <Routes>
          <Route index element={<p className="empty">{t('selectEntity')}</p>} />
          <Route path="pool/:pool" element={<PoolPage />} />
          <Route path=":entity" element={<ListView />} />
          <Route path=":entity/new" element={<RecordPage />} />
          <Route path=":entity/board" element={<KanbanView />} />
          <Route path=":entity/import" element={<ImportPage />} />
          <Route path=":entity/bin" element={<RecycleBinPage />} />
          <Route path=":entity/merge" element={<MergePage />} />
          <Route path=":entity/:id/360" element={<Customer360Page />} />
          <Route path=":entity/:id" element={<RecordPage />} />
        </Routes>
      </section>
    </div>
  );
}
