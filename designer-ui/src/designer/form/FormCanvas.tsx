import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import type { PublishProblem } from '../publish/usePublish';
import { dropOf, PALETTE_PREFIX } from './drag-targets';
import { useAnnouncements, useFormDragging } from './form-dnd';
import { movePlacement, placeField, unplacedFields, type FormModel } from './form-model';
import { SectionEditor } from './SectionEditor';

export interface FormCanvasProps {
  model: FormModel;
  fields: readonly Field[];
  selected?: string;
  problems: ReadonlyMap<string, PublishProblem[]>;
  onChange: (model: FormModel) => void;
  onSelect: (placementKey: string) => void;
}

/**
 * The palette of the entity's unplaced fields and the form's sections, each a grid of column cells.
 * A field dragged from the palette (or a placed one) onto a cell lands at the end of that column, onto
 * a placed field just before it; mouse or keyboard (space, arrows, space) alike.
 */
export function FormCanvas({ model, fields, selected, problems, onChange, onSelect }: FormCanvasProps) {
  const { t } = useTranslation();
  const dragging = useFormDragging();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: dragging.coordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    dragging.reset();
    const drop = over ? dropOf(model, String(over.id)) : undefined;
    const id = String(active.id);
    if (!drop || id === String(over?.id)) return;
    onChange(
      id.startsWith(PALETTE_PREFIX)
        ? placeField(model, id.slice(PALETTE_PREFIX.length), drop)
        : movePlacement(model, id, drop),
    );
  };
  const palette = unplacedFields(model, fields);
  const announcements = useAnnouncements(model, fields);
  return (
    <DndContext
      sensors={sensors}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dragHint') } }}
      collisionDetection={dragging.collisions}
      onDragStart={dragging.reset}
      onDragCancel={dragging.reset}
      onDragEnd={onDragEnd}
    >
      <div className="form-designer">
        <aside className="form-palette card" aria-label={t('fieldPalette')}>
          <h3>{t('fieldPalette')}</h3>
          <p className="muted">{t('dragHint')}</p>
          <ul data-testid="field-palette">
            {palette.map((f) => (
              <PaletteItem key={f.name} field={f} />
            ))}
          </ul>
          {palette.length === 0 && <p className="muted">{t('allFieldsPlaced')}</p>}
        </aside>
        <div>
          {model.sections.map((s, i) => (
            <SectionEditor
              key={s.key}
              index={i}
              section={s}
              model={model}
              fields={fields}
              selected={selected}
              problems={problems.get(`section-${i}`)}
              onChange={onChange}
              onSelect={onSelect}
            />
          ))}
        </div>
      </div>
    </DndContext>
  );
}

function PaletteItem({ field }: { field: Field }) {
  const { label } = useLocale();
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: PALETTE_PREFIX + field.name,
  });
  return (
    <li data-palette-field={field.name}>
      <div
        ref={setNodeRef}
        className={`palette-item${isDragging ? ' palette-item--dragging' : ''}`}
        style={{ transform: CSS.Translate.toString(transform) }}
        {...attributes}
        {...listeners}
      >
        <span aria-hidden="true">⠿</span>
        {label(field.label, field.name)} <span className="muted">{t(`type_${field.type}`)}</span>
      </div>
    </li>
  );
}
