import './monacoWorkers';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionFetch } from '../app/auth/auth-client';
import { useSession } from '../app/auth/SessionContext';
import { welcomeQuery } from './initialQuery';

interface GraphiqlPageProps {
  /** From `?query=`: opened in a tab of its own, or the tab that already holds it. */
  initialQuery?: string;
}

/** GraphiQL against this server's `/graphql`, bundled with the app so it works offline. */
export default function GraphiqlPage({ initialQuery }: GraphiqlPageProps) {
  const { t } = useTranslation();
  const session = useSession();
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: new URL('/graphql', window.location.origin).toString(),
        fetch: sessionFetch(session),
      }),
    [session],
  );
  return (
    <div className="graphiql-page">
      <GraphiQL fetcher={fetcher} initialQuery={initialQuery} defaultQuery={welcomeQuery(t('graphiqlWelcome'))}>
        <GraphiQL.Logo>
          <a className="graphiql-page__home" href="/">
            {t('backToDesigner')}
          </a>
        </GraphiQL.Logo>
      </GraphiQL>
    </div>
  );
}
