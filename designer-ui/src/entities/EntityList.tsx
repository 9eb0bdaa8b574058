import { localized, t, type Locale } from '../i18n';
import { graphiqlHref, sampleListQuery, type EntitySummary } from './entity';

interface EntityListProps {
  entities: readonly EntitySummary[];
  locale: Locale;
}

/** The published entities as cards, each with its fields and a link to query it in GraphiQL. */
export function EntityList({ entities, locale }: EntityListProps) {
  if (entities.length === 0) {
    return <p className="empty">{t(locale, 'noEntities')}</p>;
  }
  return (
    <ul className="entity-list">
      {entities.map((entity) => (
        <li key={entity.name}>
          <EntityCard entity={entity} locale={locale} />
        </li>
      ))}
    </ul>
  );
}

function EntityCard({ entity, locale }: { entity: EntitySummary; locale: Locale }) {
  const label = localized(entity.label, locale, entity.name);
  const query = sampleListQuery(entity, t(locale, 'sampleQueryComment', { label }));
  return (
    <article className="entity-card" data-entity={entity.name} aria-label={label}>
      <header className="entity-card__header">
        <div>
          <h3 className="entity-card__label">{label}</h3>
          <p className="entity-card__meta">
            <span>
              {t(locale, 'apiName')}: <code className="entity-card__name">{entity.name}</code>
            </span>
            <span className="entity-card__count">{t(locale, 'fieldCount', { count: entity.fields.length })}</span>
          </p>
        </div>
        <a className="button button--secondary" href={graphiqlHref(query)}>
          {t(locale, 'queryInGraphiql')}
        </a>
      </header>
      {entity.fields.length > 0 && (
        <table className="field-table">
          <thead>
            <tr>
              <th scope="col">{t(locale, 'fieldLabel')}</th>
              <th scope="col">{t(locale, 'fieldName')}</th>
              <th scope="col">{t(locale, 'fieldType')}</th>
            </tr>
          </thead>
          <tbody>
            {entity.fields.map((field) => (
              <tr key={field.name}>
                <td>
                  {localized(field.label, locale, field.name)}
                  {field.required && <span className="badge">{t(locale, 'required')}</span>}
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
