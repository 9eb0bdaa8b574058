import {
  closestCenter,
  KeyboardCode,
  pointerWithin,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import { dropOf, nextTarget, PALETTE_PREFIX, type Direction } from './drag-targets';
import type { FormModel } from './form-model';

// How the form designer's drags find their target, and what they announce.

const DIRECTIONS: Partial<Record<string, Direction>> = {
  [KeyboardCode.Up]: 'up',
  [KeyboardCode.Down]: 'down',
  [KeyboardCode.Left]: 'left',
  [KeyboardCode.Right]: 'right',
};

/**
 * A pointer drag goes to what is under the pointer (a placed field before its column); a keyboard
 * move to the target the arrow keys chose (kept in `chosen`), so what is announced is where it lands.
 */
export function useFormDragging() {
  const chosen = useRef<string | undefined>(undefined);
  return useMemo(() => {
    const collisions: CollisionDetection = (args) => {
      if (!args.pointerCoordinates) {
        const target = args.droppableContainers.find((c) => c.id === chosen.current);
        return target ? [{ id: target.id, data: { droppableContainer: target, value: 0 } }] : [];
      }
      const hits = pointerWithin(args);
      if (hits.length === 0) return closestCenter(args);
      const chip = hits.find((h) => !String(h.id).startsWith('cell:'));
      return chip ? [chip] : hits;
    };
    const coordinates: KeyboardCoordinateGetter = (event, { context }) => {
      const direction = DIRECTIONS[event.code];
      if (!direction || !context.active || !context.collisionRect) return undefined;
      event.preventDefault();
      const from = (context.over && context.droppableRects.get(context.over.id)) || context.collisionRect;
      const candidates = context.droppableContainers
        .getEnabled()
        .filter((c) => c.id !== context.active!.id && c.id !== context.over?.id)
        .flatMap((c) => {
          const rect = context.droppableRects.get(c.id);
          return rect ? [{ id: String(c.id), rect }] : [];
        });
      const id = nextTarget(from, candidates, direction);
      const rect = id ? context.droppableRects.get(id) : undefined;
      if (!id || !rect) return undefined;
      chosen.current = id;
      return { x: rect.left, y: rect.top };
    };
    return { collisions, coordinates, reset: () => (chosen.current = undefined) };
  }, []);
}

/** What a screen reader hears while a field moves: the field's label and where it would land, in words. */
export function useAnnouncements(model: FormModel, fields: readonly Field[]): Announcements {
  const { t } = useTranslation();
  const { label } = useLocale();
  const fieldLabel = (name: string) => {
    const f = fields.find((x) => x.name === name);
    return f ? label(f.label, f.name) : name;
  };
  const item = (id: UniqueIdentifier) => {
    const key = String(id);
    if (key.startsWith(PALETTE_PREFIX)) return fieldLabel(key.slice(PALETTE_PREFIX.length));
    const placed = model.sections.flatMap((s) => s.placements).find((p) => p.key === key);
    return placed ? fieldLabel(placed.field) : key;
  };
  const target = (id: UniqueIdentifier) => {
    const drop = dropOf(model, String(id));
    const section = model.sections.find((s) => s.key === drop?.section);
    if (!drop || !section) return '';
    const before = drop.index === undefined ? undefined : section.placements[drop.index];
    return before
      ? t('dragBefore', { field: fieldLabel(before.field) })
      : t('dragInColumn', { section: label(section.label, section.name), n: drop.column ?? 1 });
  };
  return {
    onDragStart: ({ active }) => t('dragPicked', { item: item(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('dragOver', { item: item(active.id), target: target(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over && target(over.id)
        ? t('dragDropped', { item: item(active.id), target: target(over.id) })
        : t('dragCancelled', { item: item(active.id) }),
    onDragCancel: ({ active }) => t('dragCancelled', { item: item(active.id) }),
  };
}
