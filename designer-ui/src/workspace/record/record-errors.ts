import { GraphQLRequestError } from '../../api/graphql';

/** A server refusal split into messages per field (shown at the input) and the rest (shown on top). */
export interface RecordErrors {
  byField: Map<string, string[]>;
  general: string[];
}

interface ProblemExtension {
  field?: string | null;
  message?: string;
}

/**
 * Reads a failed create/update: `VALIDATION_FAILED` carries `extensions.problems` with the field
 * of each; an error with only `extensions.field` belongs to that field; anything else is general.
 */
export function recordErrors(error: unknown, fieldNames: readonly string[]): RecordErrors {
  const out: RecordErrors = { byField: new Map(), general: [] };
  const add = (field: string | null | undefined, message: string) => {
    if (field && fieldNames.includes(field)) {
      out.byField.set(field, [...(out.byField.get(field) ?? []), message]);
    } else {
      out.general.push(message);
    }
  };
  if (!(error instanceof GraphQLRequestError) || error.errors.length === 0) {
    if (error) {
      out.general.push(error instanceof Error ? error.message : String(error));
    }
    return out;
  }
  for (const e of error.errors) {
    const problems = e.extensions?.problems;
    if (Array.isArray(problems) && problems.length > 0) {
      for (const p of problems as ProblemExtension[]) {
        add(p.field, p.message ?? e.message);
      }
    } else {
      add(typeof e.extensions?.field === 'string' ? e.extensions.field : undefined, e.message);
    }
  }
  return out;
}
