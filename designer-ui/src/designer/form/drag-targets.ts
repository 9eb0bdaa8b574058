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
