/** One entry of a GraphQL response's `errors` array. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * Why a request failed: `network` when the server could not be reached, `http` for a non-2xx
 * status or a body that is not a GraphQL response, `graphql` when the response carries `errors`.
 */
export type GraphQLFailureKind = 'network' | 'http' | 'graphql';

export class GraphQLRequestError extends Error {
  readonly kind: GraphQLFailureKind;
  readonly status: number | undefined;
  readonly errors: readonly GraphQLErrorEntry[];

  constructor(kind: GraphQLFailureKind, message: string, status?: number, errors: GraphQLErrorEntry[] = []) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.kind = kind;
    this.status = status;
    this.errors = errors;
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GraphQLClientOptions {
  /** Endpoint; relative URLs resolve against the page, so the app works behind any host. */
  url?: string;
  fetch?: FetchLike;
  /** Extra headers per request, e.g. Accept-Language from the chosen UI language. */
  headers?: () => Record<string, string>;
}

export interface GraphQLClient {
  request<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T>;
}

/** A minimal POST-JSON GraphQL client that turns every kind of failure into a {@link GraphQLRequestError}. */
export function createGraphQLClient(options: GraphQLClientOptions = {}): GraphQLClient {
  const url = options.url ?? '/graphql';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  return {
    async request<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
      const body = JSON.stringify(variables === undefined ? { query } : { query, variables });
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers?.() },
          body,
          signal,
        });
      } catch (cause) {
        if (signal?.aborted) {
          throw cause;
        }
        throw new GraphQLRequestError('network', describe(cause));
      }
      return readResponse<T>(response);
    },
  };
}

async function readResponse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const payload = parseJson(text);
  const errors = errorEntries(payload);
  if (errors.length > 0) {
    const kind = response.ok ? 'graphql' : 'http';
    throw new GraphQLRequestError(kind, errors.map((e) => e.message).join('; '), response.status, errors);
  }
  if (!response.ok) {
    const detail = text.trim().slice(0, 200);
    const message = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new GraphQLRequestError('http', detail ? `${message}: ${detail}` : message, response.status);
  }
  if (!isObject(payload) || !isObject(payload.data)) {
    throw new GraphQLRequestError('http', 'The response is not a GraphQL result (no "data")', response.status);
  }
  return payload.data as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorEntries(payload: unknown): GraphQLErrorEntry[] {
  if (!isObject(payload) || !Array.isArray(payload.errors)) {
    return [];
  }
  return payload.errors.map((e: unknown) =>
    isObject(e) && typeof e.message === 'string' ? (e as unknown as GraphQLErrorEntry) : { message: String(e) },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
