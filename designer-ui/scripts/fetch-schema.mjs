// Prints the live GraphQL schema of a running Tessera (TESSERA_URL, default http://localhost:8080)
// into src/api/schema.graphql, so codegen and CI type-checks need no running server.
// Run on a fresh database: entity types of the starter pack are in the schema but not used by codegen.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';

const base = (process.env.TESSERA_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'api', 'schema.graphql');

// The server refuses queries nested deeper than 10 levels; four ofType levels cover every type the
// schema has (at most [X!]! wrapping), so the standard TypeRef fragment is cut down to them.
const SHALLOW_TYPE_REF = `fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
}`;
const standard = getIntrospectionQuery();
const query = `${standard.slice(0, standard.indexOf('fragment TypeRef'))}${SHALLOW_TYPE_REF}\n`;

/**
 * With sign-in required, introspection needs a credential: TESSERA_TOKEN (an access token or API key),
 * or TESSERA_ADMIN_PASSWORD to sign in as TESSERA_USERNAME (default admin) first.
 */
async function authorization() {
  if (process.env.TESSERA_TOKEN) return { Authorization: `Bearer ${process.env.TESSERA_TOKEN}` };
  if (!process.env.TESSERA_ADMIN_PASSWORD) return {};
  const signIn = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation S($u: String!, $p: String!) { signIn(username: $u, password: $p) { accessToken } }',
      variables: { u: process.env.TESSERA_USERNAME ?? 'admin', p: process.env.TESSERA_ADMIN_PASSWORD },
    }),
  });
  const body = await signIn.json();
  if (!body.data?.signIn) {
    console.error('fetch-schema: sign-in failed', JSON.stringify(body.errors ?? body));
    process.exit(1);
  }
  return { Authorization: `Bearer ${body.data.signIn.accessToken}` };
}

const response = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(await authorization()) },
  body: JSON.stringify({ query }),
});
const payload = await response.json();
if (!response.ok || payload.errors) {
  console.error('fetch-schema: introspection failed', response.status, JSON.stringify(payload.errors ?? payload));
  process.exit(1);
}
writeFileSync(out, `${printSchema(buildClientSchema(payload.data))}\n`);
console.log(`fetch-schema: wrote ${out}`);
