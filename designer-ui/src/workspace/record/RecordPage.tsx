import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { defaultForm, useForms } from '../../api/forms';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import type { EntityAccess } from '../../app/permissions/permission-model';
import { useRecordAccess } from '../../app/permissions/usePermissions';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { FormValueError, isComputed, selection, toFormValue, toInputValue } from '../../fields/registry';
import type { EntityDefinition, Field } from '../../metamodel';
import type { FormDefinition } from '../../metamodel/generated/form';
import { createDocument, deleteDocument, editableFields, recordDocument, updateDocument } from '../record-documents';
import { useWorkspaceEntity } from '../useWorkspaceEntity';
import { recordErrors } from './record-errors';
import { DuplicateWarning } from './DuplicateWarning';
import { FieldBlock } from './FieldBlock';
import { FormLayout, type PlacementState } from './FormLayout';
import { conditionValues } from './form-values';
import { RelatedLists } from './RelatedLists';
import { probeValues } from './duplicates';

type RecordData = Record<string, unknown> & { id: string; version: number };

/**
 * `/workspace/:entity/new` and `/workspace/:entity/:id`: the record laid out by the entity's default
 * form when one is published, else every field of the entity in order.
 */
export function RecordPage() {
  const { entity, api, access, loading, error } = useWorkspaceEntity();
  const { id } = useParams();
  const { t } = useTranslation();
  const client = useClient();
  const forms = useForms();
  const record = useQuery({
    queryKey: ['record', entity?.name, id],
    enabled: Boolean(entity && api && id),
    queryFn: ({ signal }) =>
      client
        .request<{ record: RecordData | null }>(recordDocument(api!, entity!), { id }, signal)
        .then((d) => d.record),
  });
  if (error || record.isError || forms.isError) return <ErrorPanel error={error ?? record.error ?? forms.error} />;
  if (loading || forms.isPending || (id && record.isPending)) return <p className="status">{t('loading')}</p>;
  if (!entity || !api || !access || (id && !record.data)) return <p className="empty">{t('notFound')}</p>;
  return (
    <RecordForm
      key={`${id ?? 'new'}:${record.data?.version ?? 0}`}
      entity={entity}
      api={api}
      access={access}
      record={record.data ?? undefined}
      form={defaultForm(forms.data, entity.name)}
    />
  );
}

interface RecordFormProps {
  entity: EntityDefinition;
  api: EntityApi;
  /** The user's rights on the entity; on a stored record, refined by the record's own. */
  access: EntityAccess;
  record?: RecordData;
  form?: FormDefinition;
}

function RecordForm({ entity, api, access: entityRights, record, form }: RecordFormProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mode = record ? 'update' : 'create';
  const access = useRecordAccess(entity, entityRights, record?.id);
  // what the user may send: on a new record the create right, on a stored one its update right
  const canSave = mode === 'create' ? access.create : access.update;
  const sent = useMemo(() => editableFields(entity, mode, access.writable), [entity, mode, access.writable]);
  // a field the save would not send (computed, read-only once stored, not writable by the user) is greyed out
  const sentNames = useMemo(() => new Set(sent.map((f) => f.name)), [sent]);
  // a new record may start from the query string, e.g. ?company=<id> from a related list
  const [params] = useSearchParams();
  const [initial] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(
      entity.fields.map((f) => [f.name, toFormValue(f, record ? record[selection(f)] : params.get(f.name))]),
    ),
  );
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Map<string, string[]>>(new Map());
  // a save reloads the record (new version, maybe a new URL): the confirmation travels in the location state
  const location = useLocation();
  const [saved, setSaved] = useState((location.state as { saved?: boolean } | null)?.saved === true);

  const save = useMutation({
    mutationFn: (input: Record<string, unknown>) =>
      record
        ? client.request<{ record: RecordData }>(updateDocument(api), {
            id: record.id,
            version: record.version,
            patch: input,
          })
        : client.request<{ record: RecordData }>(createDocument(api), { input }),
    onSuccess: async ({ record: stored }) => {
      navigate(`/workspace/${entity.name}/${stored.id}`, { replace: true, state: { saved: true } });
      await queryClient.invalidateQueries({ queryKey: ['records', entity.name] });
      await queryClient.invalidateQueries({ queryKey: ['record', entity.name, stored.id] });
    },
  });
  const remove = useMutation({
    mutationFn: () => client.request(deleteDocument(api), { id: record!.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['records', entity.name] });
      navigate(`/workspace/${entity.name}`);
    },
  });

  const submit = () => {
    setSaved(false);
    const input: Record<string, unknown> = {};
    const errors = new Map<string, string[]>();
    for (const f of sent) {
      // an update sends what was changed only (an empty list where there was none is no change)
      if (record && values[f.name] === initial[f.name]) continue;
      try {
        input[f.name] = toInputValue(f, values[f.name]);
      } catch (e) {
        if (!(e instanceof FormValueError)) throw e;
        errors.set(f.name, [t(e.key)]);
      }
    }
    setLocalErrors(errors);
    if (errors.size === 0) save.mutate(input);
  };

  const server = recordErrors(
    save.error,
    entity.fields.map((f) => f.name),
  );
  const labelOf = (name: string) => {
    const f = entity.fields.find((x) => x.name === name);
    return f ? label(f.label, f.name) : name;
  };
  const messagesOf = (name: string) => [...(localErrors.get(name) ?? []), ...(server.byField.get(name) ?? [])];
  // a field the form does not show still gets its server error, above the form
  const shown = new Set(
    form ? form.sections.flatMap((s) => (s.fields ?? []).map((p) => p.field)) : entity.fields.map((f) => f.name),
  );
  const general = [
    ...server.general,
    ...[...server.byField]
      .filter(([name]) => !shown.has(name))
      .flatMap(([name, m]) => m.map((x) => `${labelOf(name)}: ${x}`)),
  ];
  const conditions = conditionValues(entity.fields, values);
  const renderField = (f: Field, state: PlacementState) => (
    <FieldBlock
      field={f}
      id={`record-${f.name}`}
      value={values[f.name]}
      state={canSave && sentNames.has(f.name) ? state : { ...state, readOnly: true }}
      messages={messagesOf(f.name)}
      onChange={(v) => setValues({ ...values, [f.name]: v })}
    />
  );
  const [probe, setProbe] = useState<Record<string, unknown>>();
  useEffect(() => {
    // check for duplicates once typing pauses
    const timer = setTimeout(() => setProbe(probeValues(sent, values)), 400);
    return () => clearTimeout(timer);
  }, [sent, values]);
  return (
    <form
      className="record-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>{label(entity.label, entity.name)}</h2>
        <span className="spacer" />
        {saved && !save.isPending && (
          <span role="status" className="success">
            {t('recordSaved')}
          </span>
        )}
        {canSave ? (
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {t('save')}
          </button>
        ) : (
          <span className="muted" data-testid="read-only-record">
            {t('readOnlyRecord')}
          </span>
        )}
        {record && access.delete && (
          <button
            type="button"
            className="button button--secondary"
            disabled={remove.isPending}
            onClick={() => window.confirm(t('confirmDelete')) && remove.mutate()}
          >
            {t('delete')}
          </button>
        )}
      </div>
      {general.length > 0 && (
        <div className="problem-note" role="alert" data-testid="form-errors">
          <ul>
            {general.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {remove.isError && <ErrorPanel error={remove.error} />}
      <DuplicateWarning entity={entity.name} recordId={record?.id} values={probe} />
      {form ? (
        <FormLayout
          form={form}
          fields={entity.fields}
          valueOf={(name) => conditions.get(name)}
          renderField={renderField}
          skip={(f) => !record && isComputed(f)}
          invalid={(name) => messagesOf(name).length > 0}
          idPrefix="record-form"
        />
      ) : (
        <div className="form-grid card">
          {entity.fields.map((f) =>
            !record && isComputed(f) ? null : (
              <Fragment key={f.name}>{renderField(f, { required: f.required === true, readOnly: false })}</Fragment>
            ),
          )}
        </div>
      )}
      {record && <RelatedLists api={api} recordId={record.id} />}
    </form>
  );
}
