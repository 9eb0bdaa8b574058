import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useDrafts, type Draft } from '../../designer/entity/useDrafts';
import { NameLabels } from '../../designer/NameLabels';
import { ProblemNote } from '../../designer/ProblemNote';
import { resolveDefinition } from '../../designer/publish/resolve-definition';
import { useDraftEditor } from '../../designer/publish/useDraftEditor';
import type { PublishProblem } from '../../designer/publish/usePublish';
import type { EntityDefinition, RoleDefinition } from '../../metamodel';
import { RightsGrid } from './RightsGrid';
import {
  CAPABILITIES,
  newRole,
  roleProblemKey,
  toRoleDefinition,
  toRoleForm,
  withCapability,
  type RoleForm,
} from './role-model';
import { roleHref, useRoles } from './useRoles';
import '../admin.css';

/** `/admin/roles/:key`: a role edited without JSON as a server draft, published like every definition. */
export default function RoleEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const roles = useRoles();
  const metadata = useMetadata();
  const failed = [drafts, roles, metadata].find((q) => q.isError);
  if (failed) return <ErrorPanel error={failed.error} />;
  if (!drafts.data || !roles.data || !metadata.data) return <p className="status">{t('loading')}</p>;
  const source = resolveDefinition<RoleDefinition>('role', key, drafts.data, roles.data);
  if (!source) return <p className="empty">{t('notFoundDraft')}</p>;
  return (
    <RoleEditor
      key={key}
      routeKey={key}
      initial={source.definition ?? newRole()}
      draft={source.draft}
      entities={metadata.data.entities}
    />
  );
}

interface RoleEditorProps {
  routeKey: string;
  initial: RoleDefinition;
  draft?: Draft;
  entities: readonly EntityDefinition[];
}

function RoleEditor({ routeKey, initial, draft, entities }: RoleEditorProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<RoleForm>(() =>
    toRoleForm(
      initial,
      entities.map((e) => e.name),
    ),
  );
  const editor = useDraftEditor({ routeKey, draft, hrefOf: roleHref, listHref: '/admin/roles' });
  const problems = groupProblems(editor.problems.get('entity-settings'));
  const update = (next: RoleForm) => {
    setForm(next);
    editor.markDirty();
  };
  return (
    <div className="editor">
      {editor.toolbar(form.label['zh-CN'] || form.label.en || form.name || t('newRole'), () => toRoleDefinition(form))}
      <ProblemNote id="role-problems" problems={problems.get('role')} />
      <div className="card form-grid" id="entity-settings">
        <NameLabels
          id="role"
          name={form.name}
          label={form.label}
          onChange={(name, label) => update({ ...form, name, label })}
        />
      </div>
      <fieldset className="card checks" id="role-capabilities">
        <legend>{t('capabilities')}</legend>
        {CAPABILITIES.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              id={`capability-${c}`}
              checked={form.capabilities.includes(c)}
              onChange={(e) =>
                update({ ...form, capabilities: withCapability(form.capabilities, c, e.target.checked) })
              }
            />
            {t(`capability_${c}`)}
          </label>
        ))}
      </fieldset>
      <h3>{t('entityRights')}</h3>
      <p className="muted">{t('entityRightsHint')}</p>
      <RightsGrid
        rows={form.entities}
        entities={entities}
        problems={problems}
        onChange={(rows) => update({ ...form, entities: rows })}
      />
      {editor.dialog(form.name ? `published:${form.name}` : undefined)}
    </div>
  );
}

/** The dry run's problems of this role, by grid row (`entity:<name>`) or the role itself (`role`). */
function groupProblems(problems: readonly PublishProblem[] | undefined): Map<string, PublishProblem[]> {
  const out = new Map<string, PublishProblem[]>();
  for (const p of problems ?? []) {
    const key = roleProblemKey(p.path);
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}
