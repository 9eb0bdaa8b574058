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
import type { Field } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import type { PublishProblem } from '../publish/usePublish';
import { FieldRow } from './FieldRow';

export interface FieldListProps {
  fields: readonly Field[];
  uids: readonly string[];
  entityNames: readonly string[];
  completionFields: readonly CompletionField[];
  problems: ReadonlyMap<string, PublishProblem[]>;
  onChange: (index: number, field: Field) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}

/** The fields in order; drag by the handle (mouse or keyboard: space, arrows, space) or use the arrows. */
export function FieldList(props: FieldListProps) {
  const { fields, uids, problems, onChange, onMove, onRemove } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) {
      onMove(uids.indexOf(String(active.id)), uids.indexOf(String(over.id)));
    }
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={[...uids]} strategy={verticalListSortingStrategy}>
        <ol className="field-list">
          {fields.map((field, index) => (
            <FieldRow
              key={uids[index]}
              uid={uids[index]!}
              index={index}
              count={fields.length}
              field={field}
              entityNames={props.entityNames}
              completionFields={props.completionFields}
              problems={problems.get(`field-${index}`)}
              onChange={(f) => onChange(index, f)}
              onMove={(to) => onMove(index, to)}
              onRemove={() => onRemove(index)}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
