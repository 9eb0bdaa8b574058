import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { EntityApi } from '../api/metadata';
import type { EntityDefinition } from '../metamodel';
import {
  createDocument,
  deleteDocument,
  deletedDocument,
  editableFields,
  importDocument,
  listDocument,
  recordDocument,
  relatedDocument,
  restoreDocument,
  updateDocument,
} from './record-documents';

const api: EntityApi = {
  entity: 'company',
  typeName: 'Company',
  single: 'company',
  list: 'companies',
  deletedList: 'deletedCompanies',
  aggregate: 'companiesAggregate',
  create: 'createCompany',
  createMany: 'createCompanies',
  importMany: 'importCompanies',
  update: 'updateCompany',
  delete: 'deleteCompany',
  restore: 'restoreCompany',
  related: [],
};
const label = { 'zh-CN': 'x', en: 'x' };
const company: EntityDefinition = {
  kind: 'entity',
  name: 'company',
  label,
  fields: [
    { name: 'name', type: 'text', label },
    { name: 'parent', type: 'reference', target: 'company', label },
    { name: 'code', type: 'autoNumber', label },
    { name: 'region', type: 'text', label, readOnly: true },
  ],
};

describe('record documents', () => {
  it('are valid GraphQL using the names the server reports', () => {
    for (const doc of [
      listDocument(api, company.fields),
      recordDocument(api, company),
      createDocument(api),
      updateDocument(api),
      deleteDocument(api),
    ]) {
      expect(() => parse(doc)).not.toThrow();
    }
    expect(listDocument(api, company.fields)).toContain('rows: companies(filter: $filter');
    expect(listDocument(api, company.fields)).toContain('$filter: CompanyFilter');
    expect(updateDocument(api)).toContain('$patch: CompanyPatch!');
    expect(importDocument(api)).toContain('result: importCompanies(inputs: $inputs)');
    expect(deletedDocument(api, company.fields)).toContain('rows: deletedCompanies(first: $first)');
    expect(restoreDocument(api)).toContain('record: restoreCompany(id: $id)');
    const related = relatedDocument(api, [{ connection: 'customersByCompany', fields: [company.fields[0]!] }], 10);
    expect(() => parse(related)).not.toThrow();
    expect(related).toContain('r0: customersByCompany(first: 10) { totalCount nodes { id name } }');
  });

  it('reads references by id', () => {
    expect(recordDocument(api, company)).toContain('parentId');
    expect(recordDocument(api, company)).not.toMatch(/\bparent\b(?!Id)/);
  });

  it('sends no computed field, and no read-only field on update', () => {
    expect(editableFields(company, 'create').map((f) => f.name)).toEqual(['name', 'parent', 'region']);
    expect(editableFields(company, 'update').map((f) => f.name)).toEqual(['name', 'parent']);
  });
});
