import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './operations';
import * as ruleOperations from './rule-operations';
import * as workspaceOperations from './workspace-operations';
import * as adminOperations from './admin-operations';
import sdl from './schema.graphql?raw';

describe('operations', () => {
  it('are valid against the committed schema (refresh it with npm run schema, then npm run codegen)', () => {
    const schema = buildSchema(sdl);
    const documents = Object.entries({ ...operations, ...ruleOperations, ...workspaceOperations, ...adminOperations });
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, text] of documents) {
      expect(
        validate(schema, parse(text)).map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });
});
