// The definitions the designer edits, typed from the metamodel's JSON Schemas (see generated/).
import type { EntityDefinition as GeneratedEntity, Field as GeneratedField } from './generated/entity';

export type { FieldType, Label, Option, Rule, Index } from './generated/entity';
export type { AssignmentRuleDefinition } from './generated/assignmentRule';
export type { MatchingRuleDefinition } from './generated/matchingRule';
export type { PoolDefinition } from './generated/pool';
export type { RoleDefinition } from './generated/role';

/** A field; `default` is any literal of the field's type (the schema leaves it untyped). */
export type Field = Omit<GeneratedField, 'default'> & { default?: unknown };

/** An entity definition with {@link Field}s. */
export type EntityDefinition = Omit<GeneratedEntity, 'fields'> & { fields: Field[] };
