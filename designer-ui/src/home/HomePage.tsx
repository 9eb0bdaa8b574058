import { GraphQLRequestError, type GraphQLClient } from '../api/graphql';
import { EntityList } from '../entities/EntityList';
import { graphiqlHref } from '../entities/entity';
import { t, type Locale } from '../i18n';
import { LanguageSwitch } from '../LanguageSwitch';
import { useMetadata } from './useMetadata';

interface HomePageProps {
  client: GraphQLClient;
  locale: Locale;
  onLocaleChange: (locale: Locale) => void;
}

/** The designer's start page: the published entities and the way into GraphiQL. */
export function HomePage({ client, locale, onLocaleChange }: HomePageProps) {
  const { state, reload } = useMetadata(client);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t(locale, 'appTitle')}</h1>
          <p className="tagline">{t(locale, 'appTagline')}</p>
        </div>
        <div className="page-header__side">
          <LanguageSwitch locale={locale} onChange={onLocaleChange} />
          {state.status === 'ready' && (
            <span className="version" data-testid="metadata-version">
              {t(locale, 'metadataVersion', { version: state.version })}
            </span>
          )}
        </div>
      </header>

      <section className="graphiql-callout">
        <a className="button button--primary" href={graphiqlHref()}>
          {t(locale, 'openGraphiql')}
        </a>
        <span>{t(locale, 'graphiqlHint')}</span>
      </section>

      <main>
        {state.status === 'loading' && (
          <p className="status" role="status">
            {t(locale, 'loading')}
          </p>
        )}
        {state.status === 'error' && <ErrorPanel error={state.error} locale={locale} onRetry={reload} />}
        {state.status === 'ready' && (
          <>
            <h2>{t(locale, 'entitiesHeading', { count: state.entities.length })}</h2>
            <EntityList entities={state.entities} locale={locale} />
          </>
        )}
      </main>
    </div>
  );
}

function ErrorPanel({ error, locale, onRetry }: { error: unknown; locale: Locale; onRetry: () => void }) {
  const network = !(error instanceof GraphQLRequestError) || isUnreachable(error);
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{t(locale, network ? 'errorNetwork' : 'errorServer')}</strong>
      <pre className="error__detail">{detail}</pre>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t(locale, 'retry')}
      </button>
    </div>
  );
}

/** Proxies and gateways answer 502–504 when the backend itself is down. */
function isUnreachable(error: GraphQLRequestError): boolean {
  return error.kind === 'network' || (error.status !== undefined && error.status >= 502 && error.status <= 504);
}
