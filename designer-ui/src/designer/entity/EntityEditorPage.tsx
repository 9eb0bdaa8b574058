import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import type { EntityDefinition, Field, FieldType } from '../../metamodel';
import { FIELD_TYPES } from '../../fields/registry';
import { ProblemNote } from '../ProblemNote';
import { useDraftEditor } from '../publish/useDraftEditor';
import { indexesToText, move, newField, optionalLabel, textToIndexes, toSaved } from './entity-model';
import { FieldList } from './FieldList';
import { RuleList } from './RuleList';
import { publishedKey, resolveSource, type EditorSource } from './source';
import { editorHref, useDrafts } from './useDrafts';

/** `/designer/entity/:key`: edits an entity as a server-side draft. */
export default function EntityEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const metadata = useMetadata();
  const lastSource = useRef<EditorSource | undefined>(undefined);
  if (drafts.isError || metadata.isError) {
    return <ErrorPanel error={drafts.error ?? metadata.error} />;
  }
  if (!drafts.data || !metadata.data) {
    return <p className="status">{t('loading')}</p>;
  }
  // while drafts and metadata refetch after a publish, keep the editor (and its dialog) open
  const source =
    resolveSource(key, drafts.data, metadata.data.entities) ??
    (drafts.isFetching || metadata.isFetching ? lastSource.current : undefined);
  lastSource.current = source;
  if (!source) {
    return <p className="empty">{t('notFoundDraft')}</p>;
  }
  return (
    <EntityEditor key={key} routeKey={key} source={source} entityNames={metadata.data.entities.map((e) => e.name)} />
  );
}

let uidCounter = 0;
const uid = () => `f${++uidCounter}`;

function EntityEditor({
  routeKey,
  source,
  entityNames,
}: {
  routeKey: string;
  source: EditorSource;
  entityNames: string[];
}) {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<EntityDefinition>(() => structuredClone(source.definition));
  const [uids, setUids] = useState<string[]>(() => source.definition.fields.map(uid));
  const [newType, setNewType] = useState<FieldType>('text');
  const [indexText, setIndexText] = useState(() => indexesToText(source.definition.indexes));
  const editor = useDraftEditor({ routeKey, draft: source.draft, hrefOf: editorHref, listHref: '/designer' });
  const { problems } = editor;

  const completionFields = useMemo(
    () => entity.fields.map((f) => ({ name: f.name, label: f.label['zh-CN'] || f.label.en || f.name, type: f.type })),
    [entity.fields],
  );
  const update = (next: EntityDefinition) => {
    setEntity(next);
    editor.markDirty();
  };
  const setField = (index: number, field: Field) =>
    update({ ...entity, fields: entity.fields.map((f, i) => (i === index ? field : f)) });
  const moveField = (from: number, to: number) => {
    update({ ...entity, fields: move(entity.fields, from, to) });
    setUids(move(uids, from, to));
  };
  const removeField = (index: number) => {
    update({ ...entity, fields: entity.fields.filter((_, i) => i !== index) });
    setUids(uids.filter((_, i) => i !== index));
  };
  const addField = () => {
    update({
      ...entity,
      fields: [
        ...entity.fields,
        newField(
          newType,
          entity.fields.map((f) => f.name),
        ),
      ],
    });
    setUids([...uids, uid()]);
  };

  return (
    <div className="editor">
      {editor.toolbar(entity.label['zh-CN'] || entity.label.en || entity.name || t('newEntity'), () => toSaved(entity))}

      <section id="entity-settings" className="card" aria-label={t('entitySettings')}>
        <ProblemNote id="entity-problems" problems={problems.get('entity-settings')} />
        <div className="form-grid">
          <label>
            {t('entityName')}
            <input id="entity-name" value={entity.name} onChange={(e) => update({ ...entity, name: e.target.value })} />
          </label>
          <label>
            {t('labelZh')}
            <input
              id="entity-label-zh"
              value={entity.label['zh-CN'] ?? ''}
              onChange={(e) => update({ ...entity, label: { ...entity.label, 'zh-CN': e.target.value } })}
            />
          </label>
          <label>
            {t('labelEn')}
            <input
              id="entity-label-en"
              value={entity.label.en ?? ''}
              onChange={(e) => update({ ...entity, label: { ...entity.label, en: e.target.value } })}
            />
          </label>
          <label>
            {t('pluralName')}
            <input
              id="entity-plural"
              value={entity.pluralName ?? ''}
              onChange={(e) => update({ ...entity, pluralName: e.target.value })}
            />
          </label>
          {(['zh-CN', 'en'] as const).map((lang) => (
            <label key={lang}>
              {t(lang === 'zh-CN' ? 'descriptionZh' : 'descriptionEn')}
              <input
                id={`entity-description-${lang === 'zh-CN' ? 'zh' : 'en'}`}
                value={entity.description?.[lang] ?? ''}
                onChange={(e) => {
                  const description = optionalLabel({ ...entity.description, [lang]: e.target.value });
                  const { description: _old, ...rest } = entity;
                  update(description ? { ...rest, description } : rest);
                }}
              />
            </label>
          ))}
          <label>
            {t('entityIcon')}
            <input id="entity-icon" value={entity.icon ?? ''} onChange={(e) => update({ ...entity, icon: e.target.value })} />
          </label>
        </div>
        <label className="block">
          {t('indexes')}
          <textarea
            id="entity-indexes"
            className="mono"
            rows={2}
            placeholder={t('indexesHint')}
            value={indexText}
            onChange={(e) => {
              setIndexText(e.target.value);
              update({ ...entity, indexes: textToIndexes(e.target.value) });
            }}
          />
        </label>
      </section>

      <h3>{t('fieldsHeading')}</h3>
      <FieldList
        fields={entity.fields}
        uids={uids}
        entityNames={entityNames}
        completionFields={completionFields}
        problems={problems}
        onChange={setField}
        onMove={moveField}
        onRemove={removeField}
      />
      <div className="add-row">
        <label>
          {t('newFieldType')}
          <select id="new-field-type" value={newType} onChange={(e) => setNewType(e.target.value as FieldType)}>
            {(Object.keys(FIELD_TYPES) as FieldType[]).map((type) => (
              <option key={type} value={type}>
                {t(`type_${type}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--secondary" onClick={addField}>
          {t('addField')}
        </button>
      </div>

      <RuleList
        rules={entity.rules ?? []}
        fields={completionFields}
        problems={problems}
        onChange={(rules) => update({ ...entity, rules })}
      />

      {editor.dialog(entity.name ? publishedKey(entity.name) : undefined)}
    </div>
  );
}
