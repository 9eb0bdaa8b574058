import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/useLocale';
import { graphiqlHref, sampleListQuery, type EntitySummary } from './entity';

interface EntityListProps {
  entities: readonly EntitySummary[];
  /** The list query of each entity, by entity name, as the server names it. */
  listNames: ReadonlyMap<string, string>;
}

/** The published entities as cards, each with its fields and a link to query it in GraphiQL. */
export function EntityList({ entities, listNames }: EntityListProps) {
  const { t } = useTranslation();
  if (entities.length === 0) {
    return <p className="empty">{t('noEntities')}</p>;
  }
  return (
    <ul className="entity-list">
      {entities.map((entity) => (
        <li key={entity.name}>
          <EntityCard entity={entity} listName={listNames.get(entity.name)} />
        </li>
      ))}
    </ul>
  );
}

function EntityCard({ entity, listName }: { entity: EntitySummary; listName: string | undefined }) {
  const { t } = useTranslation();
  const { label: text } = useLocale();
  const label = text(entity.label, entity.name);
  const query = listName ? sampleListQuery(entity, listName, t('sampleQueryComment', { label })) : undefined;
  return (
    <article className="entity-card" data-entity={entity.name} aria-label={label}>
      <header className="entity-card__header">
        <div>
          <h3 className="entity-card__label">{label}</h3>
          <p className="entity-card__meta">
            <span>
              {t('apiName')}: <code className="entity-card__name">{entity.name}</code>
            </span>
            <span className="entity-card__count">{t('fieldCount', { count: entity.fields.length })}</span>
          </p>
        </div>
        {query && (
          <a className="button button--secondary" href={graphiqlHref(query)}>
            {t('queryInGraphiql')}
          </a>
        )}
      </header>
      {entity.fields.length > 0 && (
        <table className="field-table">
          <thead>
            <tr>
              <th scope="col">{t('fieldLabel')}</th>
              <th scope="col">{t('fieldName')}</th>
              <th scope="col">{t('fieldType')}</th>
            </tr>
          </thead>
          <tbody>
            {entity.fields.map((field) => (
              <tr key={field.name}>
                <td>
                  {text(field.label, field.name)}
                  {field.required && <span className="badge">{t('required')}</span>}
                </td>
                <td>
                  <code>{field.name}</code>
                </td>
                <td>
                  <code>{field.type}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
