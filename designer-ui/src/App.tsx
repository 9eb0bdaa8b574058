import { lazy, Suspense } from 'react';
import { createGraphQLClient } from './api/graphql';
import { queryFromSearch } from './graphiql/initialQuery';
import { HomePage } from './home/HomePage';
import { t } from './i18n';
import { useLocale } from './useLocale';

// GraphiQL and its Monaco editor are big: load them only when /graphiql is opened.
const GraphiqlPage = lazy(() => import('./graphiql/GraphiqlPage'));

const client = createGraphQLClient({ url: '/graphql' });

/** Routes on the path alone: the server answers every non-API path with this app (SPA routing). */
export function App() {
  const [locale, setLocale] = useLocale();
  const path = window.location.pathname.replace(/\/+$/, '') || '/';

  if (path === '/graphiql') {
    return (
      <Suspense fallback={<p className="status">{t(locale, 'loadingGraphiql')}</p>}>
        <GraphiqlPage locale={locale} initialQuery={queryFromSearch(window.location.search)} />
      </Suspense>
    );
  }
  return <HomePage client={client} locale={locale} onLocaleChange={setLocale} />;
}
