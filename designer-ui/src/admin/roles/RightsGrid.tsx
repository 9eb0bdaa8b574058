import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import { ExpressionEditor } from '../../designer/expression/ExpressionEditor';
import { ProblemNote } from '../../designer/ProblemNote';
import type { PublishProblem } from '../../designer/publish/usePublish';
import type { EntityDefinition } from '../../metamodel';
import { ACTIONS, withFieldLevel, type EntityRights, type FieldLevel, type ScopeChoice } from './role-model';

const SCOPES: ScopeChoice[] = ['own', 'team', 'all', 'expression'];
const LEVELS: FieldLevel[] = ['default', 'none', 'read', 'write'];

interface RightsGridProps {
  rows: readonly EntityRights[];
  entities: readonly EntityDefinition[];
  problems: Map<string, PublishProblem[]>;
  onChange: (rows: EntityRights[]) => void;
}

/**
 * Per entity: create / read / update / delete, the record scope (own, team, all or an expression in
 * the expression editor) and, opened on demand, each field's level (default, none, read, write).
 */
export function RightsGrid({ rows, entities, problems, onChange }: RightsGridProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [open, setOpen] = useState<string>();
  const set = (i: number, row: EntityRights) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <table className="rights-grid" data-testid="rights-grid">
      <thead>
        <tr>
          <th scope="col">{t('entity')}</th>
          {ACTIONS.map((a) => (
            <th scope="col" key={a}>
              {t(`right_${a}`)}
            </th>
          ))}
          <th scope="col">{t('scope')}</th>
          <th scope="col">{t('fieldsHeading')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const entity = entities.find((e) => e.name === row.entity);
          const name = label(entity?.label, row.entity);
          const rowProblems = problems.get(`entity:${row.entity}`);
          return (
            <Fragment key={row.entity}>
              <tr id={`rights-${row.entity}`} className={rowProblems?.length ? 'rights-grid__invalid' : undefined}>
                <th scope="row">
                  {name} <code>{row.entity}</code>
                </th>
                {ACTIONS.map((a) => (
                  <td key={a}>
                    <input
                      type="checkbox"
                      id={`rights-${row.entity}-${a}`}
                      aria-label={`${name}: ${t(`right_${a}`)}`}
                      checked={row[a]}
                      onChange={(e) => set(i, { ...row, [a]: e.target.checked })}
                    />
                  </td>
                ))}
                <td>
                  <select
                    id={`rights-${row.entity}-scope`}
                    aria-label={`${name}: ${t('scope')}`}
                    value={row.scope}
                    onChange={(e) => set(i, { ...row, scope: e.target.value as ScopeChoice })}
                  >
                    {SCOPES.map((s) => (
                      <option key={s} value={s}>
                        {t(`scope_${s}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-expanded={open === row.entity}
                    aria-controls={`rights-${row.entity}-fields`}
                    disabled={!entity}
                    onClick={() => setOpen(open === row.entity ? undefined : row.entity)}
                  >
                    {t('fieldRights', { count: Object.keys(row.fields).length })}
                  </button>
                </td>
              </tr>
              {(row.scope === 'expression' || rowProblems?.length || open === row.entity) && (
                <tr className="rights-grid__detail">
                  <td colSpan={7}>
                    <ProblemNote id={`rights-${row.entity}-problems`} problems={rowProblems} />
                    {row.scope === 'expression' && (
                      <ScopeExpression
                        row={row}
                        entity={entity}
                        name={name}
                        problems={rowProblems}
                        onChange={(r) => set(i, r)}
                      />
                    )}
                    {open === row.entity && entity && (
                      <FieldLevels row={row} entity={entity} onChange={(r) => set(i, r)} />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

interface ScopeExpressionProps {
  row: EntityRights;
  entity: EntityDefinition | undefined;
  name: string;
  problems: PublishProblem[] | undefined;
  onChange: (row: EntityRights) => void;
}

/** The scope expression over the record's fields and `currentUser`, with completion and the server's problems. */
function ScopeExpression({ row, entity, name, problems, onChange }: ScopeExpressionProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const fields = useMemo(
    () => [
      { name: 'currentUser', label: t('currentUser'), type: 'reference' },
      { name: 'owner', label: t('recordOwner'), type: 'text' },
      ...(entity?.fields ?? []).map((f) => ({ name: f.name, label: label(f.label, f.name), type: f.type })),
    ],
    [entity, label, t],
  );
  return (
    <>
      <p className="expression-caption">{t('scopeExpressionHint')}</p>
      <ExpressionEditor
        id={`rights-${row.entity}-expression`}
        label={`${name}: ${t('scope_expression')}`}
        value={row.expression}
        onChange={(expression) => onChange({ ...row, expression })}
        fields={fields}
        problems={problems?.filter((p) => p.path.includes('scope'))}
      />
    </>
  );
}

/** Each field's level for one entity; `default` follows the entity's rights. */
function FieldLevels({
  row,
  entity,
  onChange,
}: {
  row: EntityRights;
  entity: EntityDefinition;
  onChange: (row: EntityRights) => void;
}) {
  const { t } = useTranslation();
  const { label } = useLocale();
  return (
    <div className="form-grid" id={`rights-${row.entity}-fields`}>
      {entity.fields.map((f) => (
        <label key={f.name}>
          {label(f.label, f.name)} <code>{f.name}</code>
          <select
            id={`rights-${row.entity}-field-${f.name}`}
            value={row.fields[f.name] ?? 'default'}
            onChange={(e) => onChange(withFieldLevel(row, f.name, e.target.value as FieldLevel))}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level_${l}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
