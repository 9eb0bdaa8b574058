import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, Suspense, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import type { GraphQLClient } from '../api/graphql';
import { queryFromSearch } from '../graphiql/initialQuery';
import { HomePage } from '../home/HomePage';
import { AuthGate } from './auth/AuthGate';
import type { Session } from './auth/session';
import { SessionProvider } from './auth/SessionContext';
import { ClientProvider } from './ClientContext';
import { Layout } from './Layout';
import { RequireNavigation } from './permissions/NotAllowed';
import type { Navigation } from './permissions/permission-model';

// Every designer and the workspace load on first use, so the first screen stays small.
const GraphiqlPage = lazy(() => import('../graphiql/GraphiqlPage'));
const EntityDesignerPage = lazy(() => import('../designer/entity/EntityDesignerPage'));
const EntityEditorPage = lazy(() => import('../designer/entity/EntityEditorPage'));
const HistoryPage = lazy(() => import('../designer/publish/HistoryPage'));
const MatchingRulesPage = lazy(() => import('../designer/rules/MatchingRulesPage'));
const MatchingRuleEditorPage = lazy(() => import('../designer/rules/MatchingRuleEditorPage'));
const FormsPage = lazy(() => import('../designer/form/FormsPage'));
const FormEditorPage = lazy(() => import('../designer/form/FormEditorPage'));
const AssignmentRulesPage = lazy(() => import('../designer/rules/AssignmentRulesPage'));
const AssignmentRuleEditorPage = lazy(() => import('../designer/rules/AssignmentRuleEditorPage'));
const PoolEditorPage = lazy(() => import('../designer/rules/PoolEditorPage'));
const WorkspacePage = lazy(() => import('../workspace/WorkspacePage'));
const InboxPage = lazy(() => import('../workspace/inbox/InboxPage'));
const UsersPage = lazy(() => import('../admin/users/UsersPage'));
const RolesPage = lazy(() => import('../admin/roles/RolesPage'));
const RoleEditorPage = lazy(() => import('../admin/roles/RoleEditorPage'));
const ApiKeysPage = lazy(() => import('../admin/keys/ApiKeysPage'));

interface AppProps {
  session: Session;
  client: GraphQLClient;
  queryClient: QueryClient;
  i18n: I18n;
}

/** Providers (session, GraphQL client, server-state cache, i18next) around the routes, behind sign-in. */
export function App({ session, client, queryClient, i18n }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider value={session}>
        <ClientProvider value={client}>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <AuthGate>
                <AppRoutes />
              </AuthGate>
            </BrowserRouter>
          </QueryClientProvider>
        </ClientProvider>
      </SessionProvider>
    </I18nextProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/graphiql"
        element={
          <Lazy>
            <Graphiql />
          </Lazy>
        }
      />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route
          path="designer"
          element={
            <Lazy part="designer">
              <EntityDesignerPage />
            </Lazy>
          }
        />
        <Route
          path="designer/entity/:key"
          element={
            <Lazy part="designer">
              <EntityEditorPage />
            </Lazy>
          }
        />
        <Route
          path="designer/history"
          element={
            <Lazy part="designer">
              <HistoryPage />
            </Lazy>
          }
        />
        <Route
          path="workspace/*"
          element={
            <Lazy>
              <WorkspacePage />
            </Lazy>
          }
        />
        <Route
          path="designer/rules"
          element={
            <Lazy part="designer">
              <MatchingRulesPage />
            </Lazy>
          }
        />
        <Route
          path="designer/rules/:key"
          element={
            <Lazy part="designer">
              <MatchingRuleEditorPage />
            </Lazy>
          }
        />
        <Route
          path="designer/forms"
          element={
            <Lazy part="designer">
              <FormsPage />
            </Lazy>
          }
        />
        <Route
          path="designer/forms/:key"
          element={
            <Lazy part="designer">
              <FormEditorPage />
            </Lazy>
          }
        />
        <Route
          path="designer/assignment"
          element={
            <Lazy part="designer">
              <AssignmentRulesPage />
            </Lazy>
          }
        />
        <Route
          path="designer/assignment/:key"
          element={
            <Lazy part="designer">
              <AssignmentRuleEditorPage />
            </Lazy>
          }
        />
        <Route
          path="designer/pools/:key"
          element={
            <Lazy part="designer">
              <PoolEditorPage />
            </Lazy>
          }
        />
        <Route
          path="inbox"
          element={
            <Lazy>
              <InboxPage />
            </Lazy>
          }
        />
        <Route
          path="admin/users"
          element={
            <Lazy part="users">
              <UsersPage />
            </Lazy>
          }
        />
        <Route
          path="admin/roles"
          element={
            <Lazy part="roles">
              <RolesPage />
            </Lazy>
          }
        />
        <Route
          path="admin/roles/:key"
          element={
            <Lazy part="roles">
              <RoleEditorPage />
            </Lazy>
          }
        />
        <Route
          path="admin/api-keys"
          element={
            <Lazy part="apiKeys">
              <ApiKeysPage />
            </Lazy>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function Graphiql() {
  const { search } = useLocation();
  return <GraphiqlPage initialQuery={queryFromSearch(search)} />;
}

/** A page loaded on first use; with `part`, only for users whose permissions open that part. */
function Lazy({ children, part }: { children: ReactNode; part?: keyof Navigation }) {
  const { t } = useTranslation();
  const page = <Suspense fallback={<p className="status">{t('loading')}</p>}>{children}</Suspense>;
  return part ? <RequireNavigation part={part}>{page}</RequireNavigation> : page;
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="empty">{t('notFound')}</p>;
}
