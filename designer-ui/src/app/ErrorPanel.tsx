import { useTranslation } from 'react-i18next';
import { GraphQLRequestError } from '../api/graphql';

/** A failed request: unreachable server or a server error, with its detail and a retry. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const network = !(error instanceof GraphQLRequestError) || isUnreachable(error);
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <strong>{t(network ? 'errorNetwork' : 'errorServer')}</strong>
      <pre className="error__detail">{detail}</pre>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Proxies and gateways answer 502–504 when the backend itself is down. */
function isUnreachable(error: GraphQLRequestError): boolean {
  return error.kind === 'network' || (error.status !== undefined && error.status >= 502 && error.status <= 504);
}
