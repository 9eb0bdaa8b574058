import type { EntityApi } from '../api/metadata';
import { isComputed, selection } from '../fields/registry';
import type { EntityDefinition, Field } from '../metamodel';

/**
 * GraphQL documents of the workspace, built at run time from an entity's definition and the names
 * the server reports for it (`entityApis`): entity types are not known when the UI is built.
 */
export interface ListArgs {
  filter?: Record<string, unknown>;
  orderBy?: Array<Record<string, 'ASC' | 'DESC'>>;
  first: number;
  after?: string;
}

/** The fields a list or form reads, with their selections. */
function selections(fields: readonly Field[]): string {
  return fields.map(selection).join(' ');
}

export function listDocument(api: EntityApi, fields: readonly Field[]): string {
  const t = api.typeName;
  return `query WorkspaceList($filter: ${t}Filter, $orderBy: [${t}OrderBy!], $first: Int, $after: String) {
  rows: ${api.list}(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id version ${selections(fields)} }
  }
}`;
}

export function recordDocument(api: EntityApi, entity: EntityDefinition): string {
  return `query WorkspaceRecord($id: ID!) {
  record: ${api.single}(id: $id) { id version createdAt updatedAt ${selections(entity.fields)} }
}`;
}

export function createDocument(api: EntityApi): string {
  return `mutation WorkspaceCreate($input: ${api.typeName}Input!) {
  record: ${api.create}(input: $input) { id version }
}`;
}

export function updateDocument(api: EntityApi): string {
  return `mutation WorkspaceUpdate($id: ID!, $version: Int!, $patch: ${api.typeName}Patch!) {
  record: ${api.update}(id: $id, version: $version, patch: $patch) { id version }
}`;
}

export function deleteDocument(api: EntityApi): string {
  return `mutation WorkspaceDelete($id: ID!) {
  deleted: ${api.delete}(id: $id) { id }
}`;
}

export function deletedDocument(api: EntityApi, fields: readonly Field[]): string {
  return `query WorkspaceDeleted($first: Int) {
  rows: ${api.deletedList}(first: $first) { totalCount nodes { id version deletedAt ${selections(fields)} } }
}`;
}

export function restoreDocument(api: EntityApi): string {
  return `mutation WorkspaceRestore($id: ID!) {
  record: ${api.restore}(id: $id) { id version }
}`;
}

/** One related list to read: the reverse connection and the fields its rows show. */
export interface RelatedRead {
  connection: string;
  fields: readonly Field[];
}

/** The first rows of every related list of one record, in one request (aliases r0, r1, ...). */
export function relatedDocument(api: EntityApi, lists: readonly RelatedRead[], first: number): string {
  const parts = lists.map(
    (l, i) => `r${i}: ${l.connection}(first: ${first}) { totalCount nodes { id ${selections(l.fields)} } }`,
  );
  return `query WorkspaceRelated($id: ID!) {
  record: ${api.single}(id: $id) { id ${parts.join(' ')} }
}`;
}

/**
 * The newest records of every related list of one record with when and by whom they were made (the
 * record's activities on its 360° page), in one request (aliases a0, a1, ...).
 */
export function activityDocument(api: EntityApi, lists: readonly RelatedRead[], first: number): string {
  const parts = lists.map(
    (l, i) =>
      `a${i}: ${l.connection}(first: ${first}, orderBy: [{createdAt: DESC}]) { nodes { id createdAt createdBy ${selections(l.fields)} } }`,
  );
  return `query WorkspaceActivity($id: ID!) {
  record: ${api.single}(id: $id) { id ${parts.join(' ')} }
}`;
}

/** The newest records of an entity matching a filter, with when and by whom they were made (tasks about a record). */
export function madeDocument(api: EntityApi, fields: readonly Field[]): string {
  return `query WorkspaceMade($filter: ${api.typeName}Filter, $first: Int) {
  rows: ${api.list}(filter: $filter, orderBy: [{createdAt: DESC}], first: $first) {
    nodes { id createdAt createdBy ${selections(fields)} }
  }
}`;
}

export function importDocument(api: EntityApi): string {
  return `mutation WorkspaceImport($inputs: [${api.typeName}Input!]!) {
  result: ${api.importMany}(inputs: $inputs) {
    created skipped failed
    rows { row status id problems { code path message } warnings { code message } }
  }
}`;
}

/**
 * Fields a form sends: never computed ones, on update not the read-only ones either, and, when the
 * user's writable fields are given, only those (the server refuses a write of any other).
 */
export function editableFields(
  entity: EntityDefinition,
  mode: 'create' | 'update',
  writable?: ReadonlySet<string>,
): Field[] {
  return entity.fields.filter(
    (f) => !isComputed(f) && !(mode === 'update' && f.readOnly) && (!writable || writable.has(f.name)),
  );
}
