import type { Drop, FormModel } from './form-model';

/** Drag ids of palette entries: the prefix and the field's name (placed fields use their editor key). */
export const PALETTE_PREFIX = 'palette:';

/**
 * Where a drop on the target `overId` puts a field: on a column cell (`cell:<section key>:<n>`), the
 * end of that column; on a placed field, just before it in its section and column; on the palette,
 * nowhere (undefined).
 */
export function dropOf(model: FormModel, overId: string): Drop | undefined {
  const cell = /^cell:(.+):(\d+)$/.exec(overId);
  if (cell) return { section: cell[1]!, column: Number(cell[2]) };
  for (const s of model.sections) {
    const index = s.placements.findIndex((p) => p.key === overId);
    if (index >= 0) return { section: s.key, index, column: s.placements[index]!.column };
  }
  return undefined;
}

/** A rectangle on the page (the part of a DOMRect the keyboard moves use). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * Where an arrow key takes a field being moved by keyboard: of the targets whose centre lies that
 * way from `from` (the target it is over, or the field itself), the nearest, preferring ones straight
 * ahead over ones to the side. Undefined when nothing lies that way.
 */
export function nextTarget(
  from: Box,
  candidates: readonly { id: string; rect: Box }[],
  direction: Direction,
): string | undefined {
  const centre = (b: Box) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 });
  const c = centre(from);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const p = centre(candidate.rect);
    const [dx, dy] = [p.x - c.x, p.y - c.y];
    const vertical = direction === 'up' || direction === 'down';
    const along = direction === 'down' ? dy : direction === 'up' ? -dy : direction === 'right' ? dx : -dx;
    const across = vertical ? Math.abs(dx) : Math.abs(dy);
    if (along <= 1) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      best = candidate.id;
      bestScore = score;
    }
  }
  return best;
}
