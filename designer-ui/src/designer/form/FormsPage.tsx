import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useForms } from '../../api/forms';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import type { FormDefinition } from '../../metamodel/generated/form';
import { useDrafts } from '../entity/useDrafts';
import { formHref } from './form-model';

/** `/designer/forms`: form drafts and the published forms, each opening the form designer. */
export default function FormsPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const drafts = useDrafts();
  const forms = useForms();
  if (drafts.isError || forms.isError) return <ErrorPanel error={drafts.error ?? forms.error} />;
  if (!drafts.data || !forms.data) return <p className="status">{t('loading')}</p>;
  const formDrafts = drafts.data.filter((d) => d.kind === 'form');
  return (
    <div>
      <div className="toolbar">
        <h2>{t('forms')}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={formHref('new')}>
          {t('newForm')}
        </Link>
      </div>
      <ul className="link-list" data-testid="form-list">
        {formDrafts.map((d) => (
          <li key={d.key}>
            <Link to={formHref(d.key)}>{label((d.definition as FormDefinition).label, d.name)}</Link>{' '}
            <code>{d.name}</code> <span className="badge">{t('draftBadge')}</span>
          </li>
        ))}
        {forms.data.map((f) => (
          <li key={f.name}>
            <Link to={formHref(`published:${f.name}`)} data-form={f.name}>
              {label(f.label, f.name)}
            </Link>{' '}
            <code>{f.name}</code> <span className="muted">{f.entity}</span>
            {f.default && <span className="badge">{t('defaultBadge')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
