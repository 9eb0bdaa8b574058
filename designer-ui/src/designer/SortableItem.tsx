import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SortableItemProps {
  /** The dnd-kit id (stable across moves). */
  uid: string;
  /** The DOM id (problem links point at it, e.g. `field-3`). */
  id: string;
  index: number;
  count: number;
  /** The API name, shown and used in the buttons' accessible names. */
  name: string;
  title: string;
  invalid: boolean;
  /** The accessible name of the remove button, before the item's name. */
  removeLabel: string;
  /** Keep at least one item. */
  removeDisabled?: boolean;
  /** Extra attributes of the item, e.g. `{ 'data-field': name }`. */
  data: Record<`data-${string}`, string>;
  onMove: (to: number) => void;
  onRemove: () => void;
  children: ReactNode;
}

/**
 * One item of an ordered designer list (entity fields, assignment entries): a bar with a drag handle
 * (mouse, or keyboard: space, arrows, space), its title, move up/down and remove buttons, then its editor.
 */
export function SortableItem(props: SortableItemProps) {
  const { uid, id, index, count, name, title, invalid, onMove, onRemove } = props;
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: uid,
  });
  return (
    <li
      ref={setNodeRef}
      id={id}
      tabIndex={-1}
      className={`field-row${invalid ? ' field-row--invalid' : ''}${isDragging ? ' field-row--dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      aria-label={name}
      {...props.data}
    >
      <div className="field-row__bar">
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          aria-label={t('dragHandle')}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
        <strong>{title}</strong>
        <code>{name}</code>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveUp')} ${name}`}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveDown')} ${name}`}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`${props.removeLabel} ${name}`}
          disabled={props.removeDisabled}
          onClick={onRemove}
        >
          ✕
        </button>
      </div>
      {props.children}
    </li>
  );
}
