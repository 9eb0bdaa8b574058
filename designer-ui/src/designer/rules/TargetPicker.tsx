import { useTranslation } from 'react-i18next';
import { TARGET_TYPES, type Target } from './assignment-model';
import type { Person, Team } from './useRuleDefinitions';

export interface TargetPickerProps {
  id: string;
  label: string;
  value: Target | undefined;
  onChange: (target: Target | undefined) => void;
  users: readonly Person[];
  teams: readonly Team[];
  pools: readonly string[];
  /** Offer "none" (an optional fallback or default). */
  optional?: boolean;
}

/** Who gets the record: the kind of target, then a real user, team (or its queue) or pool. */
export function TargetPicker({ id, label, value, onChange, users, teams, pools, optional }: TargetPickerProps) {
  const { t } = useTranslation();
  const type = value?.type;
  const keys: { key: string; text: string }[] =
    type === 'user'
      ? users.map((u) => ({
          key: u.username,
          text: `${u.name} (${u.username})${u.status !== 'active' ? ` · ${u.status}` : ''}`,
        }))
      : type === 'team' || type === 'queue'
        ? teams.map((x) => ({ key: x.code, text: `${x.name} (${x.code})` }))
        : pools.map((p) => ({ key: p, text: p }));
  const known = !value?.key || keys.some((k) => k.key === value.key);
  return (
    <fieldset className="target-picker" id={id}>
      <legend>{label}</legend>
      <label>
        {t('targetType')}
        <select
          id={`${id}-type`}
          value={type ?? ''}
          onChange={(e) => onChange(e.target.value ? { type: e.target.value as Target['type'], key: '' } : undefined)}
        >
          {optional && <option value="">{t('none')}</option>}
          {TARGET_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`target_${x}`)}
            </option>
          ))}
        </select>
      </label>
      {value && (
        <label>
          {t(`target_${value.type}`)}
          <select id={`${id}-key`} value={value.key} onChange={(e) => onChange({ ...value, key: e.target.value })}>
            <option value="">{t('choose')}</option>
            {!known && <option value={value.key}>{value.key}</option>}
            {keys.map((k) => (
              <option key={k.key} value={k.key}>
                {k.text}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
