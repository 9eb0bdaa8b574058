import type { Field, Label } from '../../metamodel';
import type { FormDefinition, Placement, Section } from '../../metamodel/generated/form';
import type { Draft } from '../entity/useDrafts';
import { resolveDefinition } from '../publish/resolve-definition';

// The form designer edits this model; only `toFormDefinition(model)` is ever saved. Keys are the
// editor's own (React and drag identities) and never reach the definition.

export interface PlacementModel {
  key: string;
  field: string;
  column: number;
  span: number;
  help?: Label;
  visibleWhen?: string;
  requiredWhen?: string;
  readOnlyWhen?: string;
}

export interface SectionModel {
  key: string;
  id?: string;
  name: string;
  label: Label;
  /** The key of the tab the section is on; undefined when the form has no tabs. */
  tab?: string;
  columns: number;
  visibleWhen?: string;
  placements: PlacementModel[];
}

export interface TabModel {
  key: string;
  id?: string;
  name: string;
  label: Label;
}

export interface FormModel {
  /** Everything but tabs and sections, as the definition has it (kind, id, name, label, entity, default ...). */
  header: Omit<FormDefinition, 'tabs' | 'sections'>;
  tabs: TabModel[];
  sections: SectionModel[];
}

/** The form designer URL of a draft or published form. */
export const formHref = (key: string) => `/designer/forms/${encodeURIComponent(key)}`;

let counter = 0;
/** A key unique in this page's life, for React and dnd-kit. */
export const newKey = (prefix: string) => `${prefix}-${++counter}`;

/** The editor model of a form definition (defaults applied, tabs referenced by key). */
export function toFormModel(def: FormDefinition): FormModel {
  const { tabs = [], sections, ...header } = def;
  const tabModels = tabs.map((t) => ({
    key: newKey('tab'),
    ...(t.id ? { id: t.id } : {}),
    name: t.name,
    label: t.label,
  }));
  const tabKey = (name?: string) =>
    tabModels.find((t) => t.name === name)?.key ?? (name ? `missing:${name}` : undefined);
  return {
    header,
    tabs: tabModels,
    sections: sections.map((s) => ({
      key: newKey('sec'),
      ...(s.id ? { id: s.id } : {}),
      name: s.name,
      label: s.label,
      ...(s.tab !== undefined ? { tab: tabKey(s.tab) } : {}),
      columns: s.columns ?? 1,
      ...(s.visibleWhen ? { visibleWhen: s.visibleWhen } : {}),
      placements: (s.fields ?? []).map(toPlacementModel),
    })),
  };
}

function toPlacementModel(p: Placement): PlacementModel {
  const { field, column = 1, span = 1, ...rest } = p;
  return { key: newKey('plc'), field, column, span, ...rest };
}

/** The form definition the model stands for: sparse (defaults left out), tabs by name, no editor keys. */
export function toFormDefinition(model: FormModel): FormDefinition {
  const out: FormDefinition = {
    ...model.header,
    sections: model.sections.map((s) => toSection(s, model.tabs)) as FormDefinition['sections'],
  };
  if (model.tabs.length > 0) {
    out.tabs = model.tabs.map((t) => ({ ...(t.id ? { id: t.id } : {}), name: t.name, label: t.label }));
  }
  return out;
}

function toSection(s: SectionModel, tabs: readonly TabModel[]): Section {
  const out: Section = { ...(s.id ? { id: s.id } : {}), name: s.name, label: s.label };
  if (s.tab !== undefined) {
    const tab = tabs.find((t) => t.key === s.tab);
    out.tab = tab ? tab.name : s.tab.replace(/^missing:/, '');
  }
  if (s.columns !== 1) out.columns = s.columns;
  if (s.visibleWhen?.trim()) out.visibleWhen = s.visibleWhen;
  out.fields = s.placements.map(toPlacement);
  return out;
}

function toPlacement(p: PlacementModel): Placement {
  const out: Placement = { field: p.field };
  if (p.column !== 1) out.column = p.column;
  if (p.span !== 1) out.span = p.span;
  if (p.help && (p.help['zh-CN']?.trim() || p.help.en?.trim())) out.help = p.help;
  for (const k of ['visibleWhen', 'requiredWhen', 'readOnlyWhen'] as const) {
    if (p[k]?.trim()) out[k] = p[k];
  }
  return out;
}

/** A new form for an entity: one section with its first fields, default when the entity has no form yet. */
export function newForm(entity: string, isDefault: boolean): FormDefinition {
  return {
    kind: 'form',
    name: '',
    label: { 'zh-CN': '', en: '' },
    entity,
    ...(isDefault ? { default: true } : {}),
    sections: [{ name: 'main', label: { 'zh-CN': '基本信息', en: 'Details' }, fields: [] }],
  };
}

/** The entity's fields not yet on the form, in the entity's order (the palette). */
export function unplacedFields(model: FormModel, fields: readonly Field[]): Field[] {
  const placed = new Set(model.sections.flatMap((s) => s.placements.map((p) => p.field)));
  return fields.filter((f) => !placed.has(f.name));
}

/** Where a dragged field lands: a section, a position in it (end when undefined) and a column. */
export interface Drop {
  section: string;
  index?: number;
  column?: number;
}

/** Puts a field from the palette on the form. */
export function placeField(model: FormModel, field: string, drop: Drop): FormModel {
  const placement: PlacementModel = { key: newKey('plc'), field, column: 1, span: 1 };
  return insert(model, placement, drop);
}

/** Moves a placement (kept with its options) to another place, section or column. */
export function movePlacement(model: FormModel, key: string, drop: Drop): FormModel {
  const moving = model.sections.flatMap((s) => s.placements).find((p) => p.key === key);
  if (!moving) return model;
  const from = model.sections.find((s) => s.placements.includes(moving))!;
  let index = drop.index;
  if (from.key === drop.section && index !== undefined && from.placements.indexOf(moving) < index) index -= 1;
  const without = removePlacement(model, key);
  return insert(without, moving, { ...drop, ...(index !== undefined ? { index } : {}) });
}

function insert(model: FormModel, placement: PlacementModel, drop: Drop): FormModel {
  return mapSection(model, drop.section, (s) => {
    const column = Math.min(Math.max(drop.column ?? placement.column, 1), s.columns);
    const placed = { ...placement, column, span: Math.min(placement.span, s.columns - column + 1) };
    const list = [...s.placements];
    list.splice(drop.index ?? list.length, 0, placed);
    return { ...s, placements: list };
  });
}

export function removePlacement(model: FormModel, key: string): FormModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({ ...s, placements: s.placements.filter((p) => p.key !== key) })),
  };
}

export function updatePlacement(model: FormModel, key: string, change: Partial<PlacementModel>): FormModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({
      ...s,
      placements: s.placements.map((p) => (p.key === key ? { ...p, ...change } : p)),
    })),
  };
}

/** Changes a section; fewer columns pull its fields back inside them. */
export function updateSection(
  model: FormModel,
  key: string,
  change: Partial<Omit<SectionModel, 'key' | 'placements'>>,
): FormModel {
  return mapSection(model, key, (s) => {
    const next = { ...s, ...change };
    return {
      ...next,
      placements: next.placements.map((p) => {
        const column = Math.min(p.column, next.columns);
        return { ...p, column, span: Math.min(p.span, next.columns - column + 1) };
      }),
    };
  });
}

/** Adds an empty section (on `tab`, or on the first tab when the form has tabs). */
export function addSection(model: FormModel, name: string, label: Label, tab?: string): FormModel {
  const onTab = tab ?? model.tabs[0]?.key;
  const section: SectionModel = {
    key: newKey('sec'),
    name,
    label,
    columns: 1,
    placements: [],
    ...(onTab ? { tab: onTab } : {}),
  };
  return { ...model, sections: [...model.sections, section] };
}

/** Removes a section; its fields go back to the palette. */
export function removeSection(model: FormModel, key: string): FormModel {
  return { ...model, sections: model.sections.filter((s) => s.key !== key) };
}

/** Moves a section one place up (-1) or down (+1). */
export function shiftSection(model: FormModel, key: string, by: -1 | 1): FormModel {
  const from = model.sections.findIndex((s) => s.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= model.sections.length) return model;
  const list = [...model.sections];
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved!);
  return { ...model, sections: list };
}

/** Adds a tab; the first tab takes every section, as a form with tabs puts each section on one. */
export function addTab(model: FormModel, name: string, label: Label): FormModel {
  const tab: TabModel = { key: newKey('tab'), name, label };
  const sections = model.tabs.length === 0 ? model.sections.map((s) => ({ ...s, tab: tab.key })) : model.sections;
  return { ...model, tabs: [...model.tabs, tab], sections };
}

export function updateTab(model: FormModel, key: string, change: Partial<Omit<TabModel, 'key'>>): FormModel {
  return { ...model, tabs: model.tabs.map((t) => (t.key === key ? { ...t, ...change } : t)) };
}

/** Removes a tab; its sections move to the first remaining tab (or lose their tab when none remains). */
export function removeTab(model: FormModel, key: string): FormModel {
  const tabs = model.tabs.filter((t) => t.key !== key);
  const fallback = tabs[0]?.key;
  const sections = model.sections.map((s) => {
    if (tabs.length === 0) {
      const { tab: _dropped, ...rest } = s;
      return rest;
    }
    return s.tab === key ? { ...s, tab: fallback } : s;
  });
  return { ...model, tabs, sections };
}

function mapSection(model: FormModel, key: string, change: (s: SectionModel) => SectionModel): FormModel {
  return { ...model, sections: model.sections.map((s) => (s.key === key ? change(s) : s)) };
}

/** What a form designer URL opens: `new`, a draft's key, or `published:<name>` (its pending draft, if any). */
export const resolveForm = (key: string, drafts: readonly Draft[], published: readonly FormDefinition[]) =>
  resolveDefinition('form', key, drafts, published);
