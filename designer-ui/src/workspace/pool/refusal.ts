import { GraphQLRequestError } from '../../api/graphql';

/** A write the server refused for a business reason, with its message (already in the user's language). */
export interface Refusal {
  code: string;
  message: string;
}

/** Codes the server uses to refuse a write, as opposed to a failure (an outage, a bug). */
const REFUSALS = new Set([
  'CLAIM_REFUSED',
  'ALREADY_CLAIMED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'ALREADY_UNDONE',
]);

/** The refusal a failed request carries, or undefined for other failures (shown as errors). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof GraphQLRequestError) || error.kind !== 'graphql') return undefined;
  const first = error.errors[0];
  const code = first?.extensions?.code;
  return first && typeof code === 'string' && REFUSALS.has(code) ? { code, message: first.message } : undefined;
}
