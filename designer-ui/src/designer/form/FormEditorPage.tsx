import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useForms } from '../../api/forms';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import type { EntityDefinition } from '../../metamodel';
import type { FormDefinition } from '../../metamodel/generated/form';
import { ProblemNote } from '../ProblemNote';
import { useDrafts, type Draft } from '../entity/useDrafts';
import { useDraftEditor } from '../publish/useDraftEditor';
import { FormCanvas } from './FormCanvas';
import { FormPreview } from './FormPreview';
import {
  formHref,
  newForm,
  resolveForm,
  toFormDefinition,
  toFormModel,
  updatePlacement,
  type FormModel,
} from './form-model';
import { FormTabs } from './FormTabs';
import { PlacementOptions } from './PlacementOptions';

/** `/designer/forms/:key`: a form laid out by dragging the entity's fields, edited as a server draft. */
export default function FormEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const forms = useForms();
  const metadata = useMetadata();
  if (drafts.isError || forms.isError || metadata.isError) {
    return <ErrorPanel error={drafts.error ?? forms.error ?? metadata.error} />;
  }
  if (!drafts.data || !forms.data || !metadata.data) return <p className="status">{t('loading')}</p>;
  const source = resolveForm(key, drafts.data, forms.data);
  const entities = metadata.data.entities;
  if (!source || entities.length === 0) return <p className="empty">{t('notFoundDraft')}</p>;
  const first = entities[0]!;
  const definition =
    source.definition ?? newForm(first.name, !forms.data.some((f) => f.entity === first.name && f.default));
  const hasDefault = (entity: string) =>
    forms.data.some((f) => f.entity === entity && f.default && f.name !== definition.name);
  return (
    <FormEditor
      key={key}
      routeKey={key}
      initial={definition}
      draft={source.draft}
      entities={entities}
      hasDefault={hasDefault}
    />
  );
}

interface FormEditorProps {
  routeKey: string;
  initial: FormDefinition;
  draft?: Draft;
  entities: readonly EntityDefinition[];
  /** Whether another published form is already the default of an entity. */
  hasDefault: (entity: string) => boolean;
}

function FormEditor({ routeKey, initial, draft, entities, hasDefault }: FormEditorProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [model, setModel] = useState<FormModel>(() => toFormModel(structuredClone(initial)));
  const [selected, setSelected] = useState<string>();
  const editor = useDraftEditor({ routeKey, draft, hrefOf: formHref, listHref: '/designer/forms' });
  const { problems } = editor;
  const header = model.header;
  const fields = entities.find((e) => e.name === header.entity)?.fields ?? [];
  const definition = useMemo(() => toFormDefinition(model), [model]);
  const completionFields = useMemo(
    () => fields.map((f) => ({ name: f.name, label: label(f.label, f.name), type: f.type })),
    [fields, label],
  );
  const update = (next: FormModel) => {
    setModel(next);
    editor.markDirty();
  };
  const setHeader = (change: Partial<FormModel['header']>) => update({ ...model, header: { ...header, ...change } });
  const chosen = model.sections.flatMap((s) => s.placements.map((p) => ({ p, s }))).find((x) => x.p.key === selected);

  return (
    <div className="editor">
      {editor.toolbar(header.label['zh-CN'] || header.label.en || header.name || t('newForm'), () => definition)}
      <ProblemNote id="form-problems" problems={problems.get('entity-settings')} />
      <section id="entity-settings" className="card form-grid" aria-label={t('entitySettings')}>
        <label>
          {t('fieldName')}
          <input id="form-name" value={header.name} onChange={(e) => setHeader({ name: e.target.value })} />
        </label>
        <label>
          {t('labelZh')}
          <input
            id="form-label-zh"
            value={header.label['zh-CN'] ?? ''}
            onChange={(e) => setHeader({ label: { ...header.label, 'zh-CN': e.target.value } })}
          />
        </label>
        <label>
          {t('labelEn')}
          <input
            id="form-label-en"
            value={header.label.en ?? ''}
            onChange={(e) => setHeader({ label: { ...header.label, en: e.target.value } })}
          />
        </label>
        <label>
          {t('ruleEntity')}
          <select
            id="form-entity"
            value={header.entity}
            onChange={(e) => {
              // another entity's fields: the placements go, and the form becomes its default if it has none
              const { default: _old, ...rest } = header;
              const entity = e.target.value;
              update({
                ...model,
                header: hasDefault(entity) ? { ...rest, entity } : { ...rest, entity, default: true },
                sections: model.sections.map((s) => ({ ...s, placements: [] })),
              });
            }}
          >
            {entities.map((e) => (
              <option key={e.name} value={e.name}>
                {label(e.label, e.name)}
              </option>
            ))}
          </select>
        </label>
        <div className="checks">
          <label>
            <input
              type="checkbox"
              id="form-default"
              checked={header.default === true}
              onChange={(e) => {
                const { default: _old, ...rest } = header;
                update({ ...model, header: e.target.checked ? { ...rest, default: true } : rest });
              }}
            />
            {t('defaultForm')}
          </label>
        </div>
      </section>
      <FormTabs model={model} problems={problems} onChange={update} />
      <FormCanvas
        model={model}
        fields={fields}
        selected={selected}
        problems={problems}
        onChange={update}
        onSelect={setSelected}
      />
      {chosen ? (
        <PlacementOptions
          key={chosen.p.key}
          placement={chosen.p}
          field={fields.find((f) => f.name === chosen.p.field)}
          columns={chosen.s.columns}
          completionFields={completionFields}
          onChange={(change) => update(updatePlacement(model, chosen.p.key, change))}
        />
      ) : (
        <p className="muted">{t('choosePlacement')}</p>
      )}
      <FormPreview form={definition} fields={fields} />
      {editor.dialog(header.name ? `published:${header.name}` : undefined)}
    </div>
  );
}
