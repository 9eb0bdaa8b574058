import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import './rules.css';
import type { AssignmentRuleDefinition, EntityDefinition } from '../../metamodel';
import { ProblemNote } from '../ProblemNote';
import { useDrafts, type Draft } from '../entity/useDrafts';
import { problemsByEditor } from '../publish/problem-path';
import { useDraftEditor } from '../publish/useDraftEditor';
import { newAssignmentRule, newEntry, toSavedAssignmentRule, type Entry } from './assignment-model';
import { AssignmentPreviewPanel } from './AssignmentPreviewPanel';
import { EntryCard } from './EntryCard';
import { resolveDefinition } from '../publish/resolve-definition';
import { moveItem } from './rule-source';
import { RuleSettings } from './RuleSettings';
import { TargetPicker } from './TargetPicker';
import { assignmentHref, useAssignmentRules, useDirectory, usePools } from './useRuleDefinitions';
import { useAssignmentPreview } from './useRulePreview';

/** `/designer/assignment/:key`: an assignment rule (ordered entries, targets, strategies, fallback) edited as a server draft. */
export default function AssignmentRuleEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const rules = useAssignmentRules();
  const metadata = useMetadata();
  const directory = useDirectory();
  const pools = usePools();
  const failed = [drafts, rules, metadata, directory, pools].find((q) => q.isError);
  if (failed) return <ErrorPanel error={failed.error} />;
  if (!drafts.data || !rules.data || !metadata.data || !directory.data || !pools.data) {
    return <p className="status">{t('loading')}</p>;
  }
  const source = resolveDefinition('assignmentRule', key, drafts.data, rules.data);
  const entities = metadata.data.entities;
  if (!source || entities.length === 0) return <p className="empty">{t('notFoundDraft')}</p>;
  const definition = source.definition ?? newAssignmentRule(entities[0]!.name);
  return (
    <RuleEditor
      key={key}
      routeKey={key}
      initial={definition}
      draft={source.draft}
      entities={entities}
      directory={directory.data}
      pools={pools.data.map((p) => p.name)}
    />
  );
}

interface RuleEditorProps {
  routeKey: string;
  initial: AssignmentRuleDefinition;
  draft?: Draft;
  entities: readonly EntityDefinition[];
  directory: NonNullable<ReturnType<typeof useDirectory>['data']>;
  pools: readonly string[];
}

let nextUid = 0;
const uid = () => `entry-uid-${++nextUid}`;

function RuleEditor({ routeKey, initial, draft, entities, directory, pools }: RuleEditorProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [rule, setRule] = useState<AssignmentRuleDefinition>(() => structuredClone(initial));
  const [uids, setUids] = useState<string[]>(() => initial.entries.map(uid));
  const editor = useDraftEditor({ routeKey, draft, hrefOf: assignmentHref, listHref: '/designer/assignment' });
  const preview = useAssignmentPreview();
  const previewProblems = useMemo(() => problemsByEditor(preview.data?.problems ?? [], 0), [preview.data]);
  const problems = previewProblems.size > 0 ? previewProblems : editor.problems;
  const entity = entities.find((e) => e.name === rule.entity);
  const fields = entity?.fields ?? [];
  const completionFields = useMemo(
    () => fields.map((f) => ({ name: f.name, label: label(f.label, f.name), type: f.type })),
    [fields, label],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const update = (next: AssignmentRuleDefinition) => {
    setRule(next);
    editor.markDirty();
  };
  const setEntries = (entries: Entry[]) => update({ ...rule, entries: entries as AssignmentRuleDefinition['entries'] });
  const move = (from: number, to: number) => {
    setUids(moveItem(uids, from, to));
    setEntries(moveItem(rule.entries, from, to));
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) move(uids.indexOf(String(active.id)), uids.indexOf(String(over.id)));
  };
  const run = { users: directory.users, teams: directory.teams, pools };

  return (
    <div className="editor">
      {editor.toolbar(rule.label['zh-CN'] || rule.label.en || rule.name || t('newAssignmentRule'), () =>
        toSavedAssignmentRule(rule),
      )}
      <ProblemNote id="rule-problems" problems={problems.get('entity-settings')} />
      <RuleSettings
        value={rule}
        entities={entities}
        onChange={(next) => update(next as AssignmentRuleDefinition)}
        onEntity={(name) => update({ ...rule, entity: name, entries: [newEntry(0)] })}
      >
        <div className="checks">
          <label>
            <input
              type="checkbox"
              id="rule-run-create"
              checked={rule.runOn?.create !== false}
              onChange={(e) => update({ ...rule, runOn: { ...rule.runOn, create: e.target.checked } })}
            />
            {t('runOnCreate')}
          </label>
          <label>
            <input
              type="checkbox"
              id="rule-run-update"
              checked={rule.runOn?.update === true}
              onChange={(e) => update({ ...rule, runOn: { ...rule.runOn, update: e.target.checked } })}
            />
            {t('runOnUpdate')}
          </label>
        </div>
        {rule.runOn?.update && (
          <label>
            {t('updateFields')}
            <select
              id="rule-update-fields"
              multiple
              value={rule.runOn.updateFields ?? []}
              onChange={(e) =>
                update({
                  ...rule,
                  runOn: { ...rule.runOn, updateFields: [...e.target.selectedOptions].map((o) => o.value) },
                })
              }
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {label(f.label, f.name)}
                </option>
              ))}
            </select>
          </label>
        )}
      </RuleSettings>
      <h3>{t('entries')}</h3>
      <p className="muted">{t('entriesHint')}</p>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={uids} strategy={verticalListSortingStrategy}>
          <ol className="field-list" data-testid="entry-list">
            {rule.entries.map((entry, i) => (
              <EntryCard
                key={uids[i]}
                uid={uids[i]!}
                index={i}
                count={rule.entries.length}
                entry={entry}
                fields={fields}
                completionFields={completionFields}
                {...run}
                problems={problems.get(`entry-${i}`)}
                onChange={(e) => setEntries(rule.entries.map((x, j) => (j === i ? e : x)))}
                onMove={(to) => move(i, to)}
                onRemove={() => {
                  setUids(uids.filter((_, j) => j !== i));
                  setEntries(rule.entries.filter((_, j) => j !== i));
                }}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setUids([...uids, uid()]);
          setEntries([...rule.entries, newEntry(rule.entries.length)]);
        }}
      >
        {t('addEntry')}
      </button>
      <section className="card" aria-label={t('fallback')}>
        <TargetPicker
          id="rule-fallback"
          label={t('fallback')}
          value={rule.fallback}
          onChange={(fallback) => update({ ...rule, fallback })}
          optional
          {...run}
        />
      </section>
      <AssignmentPreviewPanel
        entity={entity}
        pending={preview.isPending}
        error={preview.error}
        preview={preview.data}
        onRun={() => preview.mutate(toSavedAssignmentRule(rule))}
      />
      {editor.dialog(rule.name ? `published:${rule.name}` : undefined)}
    </div>
  );
}
