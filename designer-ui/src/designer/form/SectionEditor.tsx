import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import { ProblemNote } from '../ProblemNote';
import type { PublishProblem } from '../publish/usePublish';
import type { FormCanvasProps } from './FormCanvas';
import {
  removePlacement,
  removeSection,
  shiftSection,
  updateSection,
  type PlacementModel,
  type SectionModel,
} from './form-model';

export interface SectionEditorProps extends Omit<FormCanvasProps, 'problems'> {
  index: number;
  section: SectionModel;
  problems?: PublishProblem[];
}

/** One section: its name, labels, columns and tab, a drop cell per column with its fields, and move/remove. */
export function SectionEditor({
  index,
  section: s,
  model,
  fields,
  selected,
  problems,
  onChange,
  onSelect,
}: SectionEditorProps) {
  const { t } = useTranslation();
  const set = (change: Partial<SectionModel>) => onChange(updateSection(model, s.key, change));
  const columns = Array.from({ length: s.columns }, (_, c) => c + 1);
  return (
    <section
      id={`section-${index}`}
      className={`card form-section${problems?.length ? ' field-row--invalid' : ''}`}
      aria-label={s.label['zh-CN'] || s.label.en || s.name}
      data-section={s.name}
    >
      <ProblemNote id={`section-${index}-problems`} problems={problems} />
      <div className="form-grid">
        <label>
          {t('fieldName')}
          <input id={`section-${index}-name`} value={s.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          {t('labelZh')}
          <input
            id={`section-${index}-label-zh`}
            value={s.label['zh-CN'] ?? ''}
            onChange={(e) => set({ label: { ...s.label, 'zh-CN': e.target.value } })}
          />
        </label>
        <label>
          {t('labelEn')}
          <input
            id={`section-${index}-label-en`}
            value={s.label.en ?? ''}
            onChange={(e) => set({ label: { ...s.label, en: e.target.value } })}
          />
        </label>
        <label>
          {t('sectionColumns')}
          <select
            id={`section-${index}-columns`}
            value={s.columns}
            onChange={(e) => set({ columns: Number(e.target.value) })}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {model.tabs.length > 0 && (
          <label>
            {t('tabOfSection')}
            <select id={`section-${index}-tab`} value={s.tab ?? ''} onChange={(e) => set({ tab: e.target.value })}>
              {model.tabs.map((tab) => (
                <option key={tab.key} value={tab.key}>
                  {tab.label['zh-CN'] || tab.label.en || tab.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="form-cells" style={{ gridTemplateColumns: `repeat(${s.columns}, minmax(0, 1fr))` }}>
        {columns.map((c) => (
          <ColumnCell
            key={c}
            section={s}
            column={c}
            fields={fields}
            selected={selected}
            onSelect={onSelect}
            onRemove={(key) => onChange(removePlacement(model, key))}
          />
        ))}
      </div>
      <div className="toolbar">
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveUp')} ${s.name}`}
          disabled={index === 0}
          onClick={() => onChange(shiftSection(model, s.key, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveDown')} ${s.name}`}
          disabled={index === model.sections.length - 1}
          onClick={() => onChange(shiftSection(model, s.key, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`${t('delete')} ${s.name}`}
          disabled={model.sections.length === 1}
          onClick={() => onChange(removeSection(model, s.key))}
        >
          ✕
        </button>
      </div>
    </section>
  );
}

interface ColumnCellProps {
  section: SectionModel;
  column: number;
  fields: readonly Field[];
  selected?: string;
  onSelect: (key: string) => void;
  onRemove: (key: string) => void;
}

function ColumnCell({ section, column, fields, selected, onSelect, onRemove }: ColumnCellProps) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `cell:${section.key}:${column}` });
  const placements = section.placements.filter((p) => p.column === column);
  return (
    <div
      ref={setNodeRef}
      className={`form-cell${isOver ? ' form-cell--over' : ''}`}
      data-cell={`${section.name}:${column}`}
    >
      <div className="form-cell__title">{section.columns > 1 ? t('columnN', { n: column }) : t('dropHere')}</div>
      <SortableContext items={placements.map((p) => p.key)} strategy={verticalListSortingStrategy}>
        <ul>
          {placements.map((p) => (
            <PlacementChip
              key={p.key}
              placement={p}
              field={fields.find((f) => f.name === p.field)}
              selected={p.key === selected}
              onSelect={() => onSelect(p.key)}
              onRemove={() => onRemove(p.key)}
            />
          ))}
        </ul>
      </SortableContext>
    </div>
  );
}

interface PlacementChipProps {
  placement: PlacementModel;
  field?: Field;
  selected: boolean;
  onSelect: () => void;
  onRemove: () => void;
}

function PlacementChip({ placement: p, field, selected, onSelect, onRemove }: PlacementChipProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: p.key,
  });
  const name = field ? label(field.label, field.name) : p.field;
  return (
    <li
      ref={setNodeRef}
      className={`placement-chip${selected ? ' placement-chip--selected' : ''}${isDragging ? ' placement-chip--dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-placed-field={p.field}
    >
      <span ref={setActivatorNodeRef} className="drag-handle" {...attributes} {...listeners} aria-label={name}>
        ⠿
      </span>
      <button type="button" className="link-button" aria-pressed={selected} onClick={onSelect}>
        {name}
        {p.span > 1 ? ` ↔${p.span}` : ''}
      </button>
      <span className="spacer" />
      <button
        type="button"
        className="icon-button danger"
        aria-label={`${t('removeFromForm')} ${name}`}
        onClick={onRemove}
      >
        ✕
      </button>
    </li>
  );
}
