import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../metamodel/generated/form';
import { dropOf, nextTarget, PALETTE_PREFIX } from './drag-targets';
import {
  addSection,
  addTab,
  movePlacement,
  placeField,
  removeSection,
  removeTab,
  resolveForm,
  toFormDefinition,
  toFormModel,
  unplacedFields,
  updateSection,
  type FormModel,
} from './form-model';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const tabbed: FormDefinition = {
  kind: 'form',
  id: 'form_1',
  name: 'leadMain',
  label: L('线索', 'Lead'),
  entity: 'lead',
  default: true,
  tabs: [
    { id: 'tab_1', name: 'main', label: L('基本', 'Main') },
    { name: 'more', label: L('更多', 'More') },
  ],
  sections: [
    {
      id: 'sec_1',
      name: 'basics',
      label: L('基本信息', 'Basics'),
      tab: 'main',
      columns: 2,
      fields: [
        { field: 'name', span: 2, help: L('全名', 'Full name') },
        { field: 'phone', requiredWhen: 'email == null' },
        { field: 'email', column: 2, visibleWhen: "status != 'lost'", readOnlyWhen: 'status == "won"' },
      ],
    },
    { name: 'deal', label: L('商机', 'Deal'), tab: 'more', visibleWhen: 'budget > 0', fields: [{ field: 'budget' }] },
  ],
};

const plain: FormDefinition = {
  kind: 'form',
  name: 'quick',
  label: L('快速', 'Quick'),
  entity: 'lead',
  sections: [{ name: 'all', label: L('全部', 'All'), fields: [] }],
};

/** The model without the editor's keys (a section's tab by the tab's name), to compare two models. */
const shape = (m: FormModel) => {
  const tabName = (key?: string) => m.tabs.find((t) => t.key === key)?.name;
  const sections = m.sections.map((s) => ({ ...s, tab: tabName(s.tab) }));
  return JSON.parse(JSON.stringify({ ...m, sections }, (k, v) => (k === 'key' ? undefined : v)));
};

describe('form definition <-> editor model', () => {
  it.each([
    ['with tabs', tabbed],
    ['without tabs', plain],
  ])('definition -> model -> definition is the same definition (%s)', (_, def) => {
    expect(toFormDefinition(toFormModel(def))).toEqual(def);
  });

  it('model -> definition -> model is the same model', () => {
    const model = toFormModel(tabbed);
    expect(shape(toFormModel(toFormDefinition(model)))).toEqual(shape(model));
    const edited = movePlacement(model, model.sections[0]!.placements[2]!.key, { section: model.sections[1]!.key });
    expect(shape(toFormModel(toFormDefinition(edited)))).toEqual(shape(edited));
  });

  it('applies the defaults in the model and leaves them out of the definition', () => {
    const model = toFormModel(tabbed);
    const basics = model.sections[0]!;
    expect(basics.placements.map((p) => [p.field, p.column, p.span])).toEqual([
      ['name', 1, 2],
      ['phone', 1, 1],
      ['email', 2, 1],
    ]);
    expect(model.sections[1]!.columns).toBe(1);
    expect(basics.tab).toBe(model.tabs[0]!.key);
    const out = toFormDefinition(updateSection(model, model.sections[1]!.key, { visibleWhen: '  ' }));
    expect(out.sections[1]).toEqual({
      name: 'deal',
      label: L('商机', 'Deal'),
      tab: 'more',
      fields: [{ field: 'budget' }],
    });
  });

  it('keeps no editor state in the saved definition', () => {
    expect(JSON.stringify(toFormDefinition(toFormModel(tabbed)))).not.toMatch(/"key"|plc-|sec-|tab-\d/);
  });

  it('renaming a tab keeps its sections on it', () => {
    const model = toFormModel(tabbed);
    const renamed = { ...model, tabs: model.tabs.map((t, i) => (i === 0 ? { ...t, name: 'first' } : t)) };
    expect(toFormDefinition(renamed).sections[0]!.tab).toBe('first');
  });
});

describe('editing', () => {
  it('places a palette field at the end of a column or before a placed field', () => {
    const model = toFormModel(tabbed);
    const basics = model.sections[0]!;
    const atEnd = placeField(model, 'status', { section: basics.key, column: 2 });
    expect(atEnd.sections[0]!.placements.map((p) => `${p.field}@${p.column}`)).toEqual([
      'name@1',
      'phone@1',
      'email@2',
      'status@2',
    ]);
    const before = placeField(model, 'status', dropOf(model, basics.placements[1]!.key)!);
    expect(before.sections[0]!.placements.map((p) => p.field)).toEqual(['name', 'status', 'phone', 'email']);
    expect(
      unplacedFields(before, [{ name: 'status' }, { name: 'name' }, { name: 'city' }] as never).map((f) => f.name),
    ).toEqual(['city']);
  });

  it('moves a placement within its section and to another, keeping its options', () => {
    const model = toFormModel(tabbed);
    const [name, phone, email] = model.sections[0]!.placements;
    const down = movePlacement(model, name!.key, dropOf(model, email!.key)!);
    expect(down.sections[0]!.placements.map((p) => p.field)).toEqual(['phone', 'name', 'email']);
    expect(down.sections[0]!.placements[1]!.column).toBe(2);
    expect(down.sections[0]!.placements[1]!.span).toBe(1);
    const away = movePlacement(model, phone!.key, dropOf(model, `cell:${model.sections[1]!.key}:1`)!);
    expect(away.sections[1]!.placements.map((p) => p.field)).toEqual(['budget', 'phone']);
    expect(away.sections[1]!.placements[1]!.requiredWhen).toBe('email == null');
    expect(dropOf(model, `${PALETTE_PREFIX}status`)).toBeUndefined();
  });

  it('fewer columns pull fields back inside', () => {
    const model = toFormModel(tabbed);
    const one = updateSection(model, model.sections[0]!.key, { columns: 1 });
    expect(one.sections[0]!.placements.map((p) => [p.column, p.span])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('adds and removes sections and tabs', () => {
    let model = toFormModel(plain);
    model = addSection(model, 'extra', L('额外', 'Extra'));
    expect(model.sections.map((s) => s.tab)).toEqual([undefined, undefined]);
    model = addTab(model, 'main', L('主要', 'Main'));
    expect(model.sections.every((s) => s.tab === model.tabs[0]!.key)).toBe(true);
    model = addTab(model, 'other', L('其他', 'Other'));
    model = { ...model, sections: model.sections.map((s, i) => (i === 1 ? { ...s, tab: model.tabs[1]!.key } : s)) };
    const withoutOther = removeTab(model, model.tabs[1]!.key);
    expect(withoutOther.sections.map((s) => s.tab)).toEqual([model.tabs[0]!.key, model.tabs[0]!.key]);
    const noTabs = removeTab(withoutOther, model.tabs[0]!.key);
    expect(toFormDefinition(noTabs).tabs).toBeUndefined();
    expect(toFormDefinition(noTabs).sections.every((s) => s.tab === undefined)).toBe(true);
    expect(removeSection(noTabs, noTabs.sections[1]!.key).sections.map((s) => s.name)).toEqual(['all']);
  });

  it('resolves a route key to a draft or published form', () => {
    expect(resolveForm('new', [], [tabbed])).toEqual({});
    expect(resolveForm('published:leadMain', [], [tabbed])).toEqual({ definition: tabbed });
    expect(resolveForm('form:gone', [], [tabbed])).toBeUndefined();
  });
});

describe('nextTarget (keyboard moves)', () => {
  const box = (left: number, top: number, width = 100, height = 40) => ({ left, top, width, height });
  // the palette on the left, two sections on the right, each a cell with one chip
  const targets = [
    { id: 'cell:a:1', rect: box(300, 100, 400, 120) },
    { id: 'chip:topic', rect: box(310, 120, 380, 40) },
    { id: 'cell:b:1', rect: box(300, 300, 400, 120) },
  ];

  it('goes right from the palette to the nearest target, then down through the sections', () => {
    const palette = box(20, 120, 150, 40);
    expect(nextTarget(palette, targets, 'right')).toBe('chip:topic');
    expect(nextTarget(targets[1]!.rect, targets.slice(0, 1).concat(targets.slice(2)), 'down')).toBe('cell:a:1');
    expect(nextTarget(targets[0]!.rect, targets.slice(1), 'down')).toBe('cell:b:1');
    expect(nextTarget(targets[2]!.rect, targets.slice(0, 2), 'up')).toBe('cell:a:1');
  });

  it('finds nothing past the last target', () => {
    expect(nextTarget(targets[2]!.rect, targets.slice(0, 2), 'down')).toBeUndefined();
    expect(nextTarget(box(20, 120), targets, 'left')).toBeUndefined();
  });
});
