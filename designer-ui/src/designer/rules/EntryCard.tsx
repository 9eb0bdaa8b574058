import { useTranslation } from 'react-i18next';
import type { Field } from '../../metamodel';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import type { CompletionField } from '../expression/expression-support';
import { NameLabels } from '../NameLabels';
import { ProblemNote } from '../ProblemNote';
import { SortableItem } from '../SortableItem';
import type { PublishProblem } from '../publish/usePublish';
import { criteriaMode, picksTarget, type Entry } from './assignment-model';
import { ConditionList } from './ConditionList';
import type { Condition } from './conditions';
import { StrategyOptions } from './StrategyOptions';
import { TargetPicker } from './TargetPicker';
import type { Person, Team } from './useRuleDefinitions';

export interface EntryCardProps {
  uid: string;
  index: number;
  count: number;
  entry: Entry;
  fields: readonly Field[];
  completionFields: readonly CompletionField[];
  users: readonly Person[];
  teams: readonly Team[];
  pools: readonly string[];
  problems?: readonly PublishProblem[];
  onChange: (entry: Entry) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One entry of an assignment rule: its criteria (conditions or an expression), target and strategy; drag to reorder. */
export function EntryCard(props: EntryCardProps) {
  const { uid, index, count, entry, fields, problems, onChange, onMove, onRemove } = props;
  const { t } = useTranslation();
  const id = `entry-${index}`;
  const mode = criteriaMode(entry);
  const setMode = (next: 'conditions' | 'expression') => {
    const { when: _when, conditions: _conditions, ...rest } = entry;
    onChange(next === 'expression' ? { ...rest, when: '' } : { ...rest, conditions: [] });
  };
  return (
    <SortableItem
      uid={uid}
      id={id}
      index={index}
      count={count}
      name={entry.name}
      title={`${index + 1}. ${entry.label['zh-CN'] || entry.label.en || entry.name}`}
      invalid={!!problems?.length}
      removeLabel={t('delete')}
      removeDisabled={count === 1}
      data={{ 'data-entry': entry.name }}
      onMove={onMove}
      onRemove={onRemove}
    >
      <ProblemNote id={`${id}-problems`} problems={problems} />
      <div className="form-grid">
        <NameLabels
          id={id}
          name={entry.name}
          label={entry.label}
          onChange={(name, label) => onChange({ ...entry, name, label })}
        />
      </div>
      <fieldset className="checks">
        <legend>{t('criteria')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'conditions'}
            onChange={() => setMode('conditions')}
          />
          {t('byConditions')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'expression'}
            onChange={() => setMode('expression')}
          />
          {t('byExpression')}
        </label>
      </fieldset>
      {mode === 'conditions' ? (
        <ConditionList
          id={`${id}-conditions`}
          conditions={(entry.conditions ?? []) as Condition[]}
          fields={fields}
          onChange={(conditions) => onChange({ ...entry, conditions })}
        />
      ) : (
        <ExpressionEditor
          id={`${id}-when`}
          label={t('byExpression')}
          value={entry.when ?? ''}
          onChange={(when) => onChange({ ...entry, when })}
          fields={props.completionFields}
          problems={problems?.filter((p) => p.path.includes('.when'))}
        />
      )}
      {!picksTarget(entry.strategy?.type) && (
        <TargetPicker
          id={`${id}-target`}
          label={t('assignTo')}
          value={entry.target}
          onChange={(target) => onChange({ ...entry, target })}
          users={props.users}
          teams={props.teams}
          pools={props.pools}
        />
      )}
      <StrategyOptions
        id={`${id}-strategy`}
        value={entry.strategy}
        onChange={(strategy) => onChange({ ...entry, strategy })}
        fields={fields}
        users={props.users}
        teams={props.teams}
        pools={props.pools}
      />
      <label className="checks">
        <input
          type="checkbox"
          id={`${id}-skip`}
          checked={entry.skipUnavailable !== false}
          onChange={(e) => onChange({ ...entry, skipUnavailable: e.target.checked ? undefined : false })}
        />
        {t('skipUnavailable')}
      </label>
    </SortableItem>
  );
}
