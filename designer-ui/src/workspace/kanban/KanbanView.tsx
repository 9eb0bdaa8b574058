import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import type { EntityAccess } from '../../app/permissions/permission-model';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { displayText } from '../../fields/registry';
import type { EntityDefinition, Field } from '../../metamodel';
import { listDocument, updateDocument } from '../record-documents';
import { recordErrors } from '../record/record-errors';
import { EntityRoute } from '../EntityRoute';
import { boardColumns, columnId, columnValue, groupingFields, titleField, type BoardColumn } from './kanban-model';

/** The most cards a board loads (the API's page limit). */
const BOARD_SIZE = 100;

type Card = Record<string, unknown> & { id: string; version: number };

/** `/workspace/:entity/board`: records as cards in a column per stage or picklist option; drag to change it. */
export function KanbanView() {
  return (
    <EntityRoute>
      {(entity, api, access) =>
        groupingFields(entity).length > 0 ? (
          <Board key={entity.name} entity={entity} api={api} access={access} />
        ) : (
          <NoBoard />
        )
      }
    </EntityRoute>
  );
}

function NoBoard() {
  const { t } = useTranslation();
  return <p className="empty">{t('notFound')}</p>;
}

function Board({ entity, api, access }: { entity: EntityDefinition; api: EntityApi; access: EntityAccess }) {
  const { t } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  const candidates = groupingFields(entity);
  const [groupName, setGroupName] = useState(candidates[0]!.name);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const group = candidates.find((f) => f.name === groupName) ?? candidates[0]!;
  const title = titleField(entity);
  const fields = [group, ...(title ? [title] : [])];
  // a card moves by an update of the grouping field: no drag for users who may not write it
  const draggable = access.update && access.writable.has(group.name);
  const document = listDocument(api, fields);
  const cards = useQuery({
    queryKey: ['records', entity.name, document, 'board'],
    queryFn: ({ signal }) =>
      client.request<{ rows: { nodes: Card[] } }>(document, { first: BOARD_SIZE }, signal).then((d) => d.rows.nodes),
  });
  const move = useMutation({
    mutationFn: ({ card, value }: { card: Card; value: string | null }) =>
      client.request(updateDocument(api), { id: card.id, version: card.version, patch: { [group.name]: value } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['records', entity.name] }),
  });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const columns = boardColumns(group, cards.data ?? [], locale, t('noValue'));

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = cards.data?.find((c) => c.id === active.id);
    if (!card || !over) return;
    const value = columnValue(String(over.id));
    const current = card[group.name] ?? null;
    if (value === current) return;
    const column = columns.find((c) => c.value === value)?.label ?? String(value);
    setNotice(undefined);
    move.mutate(
      { card, value },
      {
        onSuccess: () => setNotice({ ok: true, text: t('moved', { column }) }),
        onError: (error) => {
          const found = recordErrors(error, [group.name]);
          const reason = [...(found.byField.get(group.name) ?? []), ...found.general].join('；');
          setNotice({ ok: false, text: t('moveRefused', { reason }) });
        },
      },
    );
  };

  return (
    <div>
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>
          {label(entity.label, entity.name)} · {t('board')}
        </h2>
        <span className="spacer" />
        <label>
          {t('groupBy')}{' '}
          <select id="board-group" value={group.name} onChange={(e) => setGroupName(e.target.value)}>
            {candidates.map((f) => (
              <option key={f.name} value={f.name}>
                {label(f.label, f.name)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!draggable && (
        <p className="muted" data-testid="board-read-only">
          {t('dragNotAllowed')}
        </p>
      )}
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'success' : 'error'} data-testid="board-notice">
          {notice.text}
        </p>
      )}
      {cards.isError && <ErrorPanel error={cards.error} onRetry={() => void cards.refetch()} />}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="board" data-testid="board">
          {columns.map((column) => (
            <Column
              key={columnId(column.value)}
              column={column}
              entity={entity.name}
              title={title}
              locale={locale}
              draggable={draggable}
            />
          ))}
        </div>
      </DndContext>
    </div>
  );
}

function Column({
  column,
  entity,
  title,
  locale,
  draggable,
}: {
  column: BoardColumn;
  entity: string;
  title?: Field;
  locale: 'zh-CN' | 'en';
  draggable: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: columnId(column.value) });
  return (
    <section
      ref={setNodeRef}
      className={`board__column${isOver ? ' board__column--over' : ''}`}
      aria-label={column.label}
      data-column={column.value ?? ''}
    >
      <h3>
        {column.label} <span className="muted">{column.cards.length}</span>
      </h3>
      <ul>
        {column.cards.map((card) => (
          <BoardCard
            key={String(card.id)}
            card={card as Card}
            entity={entity}
            title={title}
            locale={locale}
            draggable={draggable}
          />
        ))}
      </ul>
    </section>
  );
}

function BoardCard({
  card,
  entity,
  title,
  locale,
  draggable,
}: {
  card: Card;
  entity: string;
  title?: Field;
  locale: 'zh-CN' | 'en';
  draggable: boolean;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    disabled: !draggable,
  });
  const text = title ? displayText(title, card[title.name], locale, [t('yes'), t('no')]) : '';
  return (
    <li
      ref={setNodeRef}
      className={`board__card${isDragging ? ' board__card--dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform) }}
      data-card={card.id}
    >
      {draggable && (
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          aria-label={`${t('dragHandle')}: ${text || card.id}`}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
      )}
      <Link to={`/workspace/${entity}/${card.id}`}>{text || card.id.slice(0, 8)}</Link>
    </li>
  );
}
