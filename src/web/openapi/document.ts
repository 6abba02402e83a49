// The OpenAPI 3.1 document of the JSON API (served at /api/openapi.json), built from the operation
// table: parameters and request bodies from the routes' zod schemas and answers from schemas.ts,
// all through zod's z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
import { z } from 'zod';
import type { ApiOperation, Auth } from './operations.js';
import { OPERATIONS } from './operations.js';
import { ErrorBody, schemaRegistry } from './schemas.js';

type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  304: 'Not Modified: the copy named by If-None-Match or If-Modified-Since is current (no body)',
  400: 'Bad request: a parameter or the body is not valid',
  401: 'Not logged in, or the API token is unknown or revoked',
  403: 'Forbidden: missing or wrong CSRF token, foreign Origin, missing token scope, or not allowed',
  404: 'Not found',
  409: 'Conflict: it exists already',
  429: 'Too many requests (Retry-After says when to try again)',
  501: 'Not implemented on this database',
  503: 'Unavailable (e.g. this site cannot send mail)',
};

/** A zod schema as inline JSON Schema, in the shape a client sends (defaults optional, strings before coercion). */
function inputSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
}

function refTo(schema: z.ZodType): Json {
  const id = schemaRegistry.get(schema)?.id;
  if (!id) throw new Error('answer schemas must be registered in openapi/schemas.ts');
  return { $ref: `${COMPONENTS}${id}` };
}

function parameters(where: 'path' | 'query', object: z.ZodObject | undefined): Json[] {
  if (!object) return [];
  const schema = inputSchema(object);
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties)
    .filter(([name]) => name !== '_csrf')
    .map(([name, s]) => {
      const { description, ...rest } = s;
      return { name, in: where, required: where === 'path' || required.has(name), schema: rest, ...(typeof description === 'string' ? { description } : {}) };
    });
}

function security(auth: Auth): Json[] {
  if (auth === 'none') return [];
  if (auth === 'reader') return [{}, { sessionCookie: [] }];
  if (auth === 'public') return [];
  if (auth === 'session') return [{ sessionCookie: [], csrfToken: [] }];
  return [{ sessionCookie: [], csrfToken: [] }, { bearerToken: [auth.token] }];
}

function authText(op: ApiOperation): string {
  const auth = op.auth;
  if (auth === 'none') return 'Anyone.';
  if (auth === 'reader') return 'Anyone; the answer depends on the session cookie when one is sent.';
  if (auth === 'public') return "Anyone, from this site's pages: a foreign Origin is refused (403).";
  if (auth === 'session') return op.method === 'get' ? 'A session cookie.' : "A session cookie, its CSRF token in x-csrf-token, and this site's Origin.";
  return `A session cookie with its CSRF token and this site's Origin, or \`Authorization: Bearer <token>\` with a personal API token holding the \`${auth.token}\` scope (then cookies are ignored and no CSRF token is needed).`;
}

function operation(op: ApiOperation): Json {
  const responses: Record<string, Json> = {};
  const ok: Json = op.ok.schema
    ? { description: STATUS_TEXT[op.ok.status] ?? 'OK', content: { 'application/json': { schema: refTo(op.ok.schema) } } }
    : { description: STATUS_TEXT[op.ok.status] ?? 'OK', content: { [op.ok.type ?? 'text/plain']: { schema: { type: 'string' } } } };
  if (op.conditional) {
    ok.headers = {
      ETag: { description: 'weak entity tag of the body', schema: { type: 'string' } },
      'Last-Modified': { description: 'when this server first produced this body', schema: { type: 'string' } },
    };
  }
  responses[String(op.ok.status)] = ok;
  if (op.conditional) responses['304'] = { description: STATUS_TEXT[304] };
  for (const status of op.errors) {
    const schema = op.errorSchemas?.[status] ?? ErrorBody;
    responses[String(status)] = { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: refTo(schema) } } };
  }
  const params = [...parameters('path', op.params), ...parameters('query', op.query)];
  if (op.conditional) {
    params.push(
      { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
      { name: 'If-Modified-Since', in: 'header', required: false, schema: { type: 'string' } },
    );
  }
  const sec = security(op.auth);
  return {
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `Who may call it: ${authText(op)}`].filter(Boolean).join('\n\n'),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: false, content: { 'application/json': { schema: inputSchema(op.body) } } } } : {}),
    responses,
    security: sec,
  };
}

/** The answer schemas as components, each without its own $schema / $id. */
function componentSchemas(): Json {
  const all = z.toJSONSchema(schemaRegistry, { uri: (id) => `${COMPONENTS}${id}`, target: 'draft-2020-12', unrepresentable: 'any' }).schemas;
  const out: Json = {};
  for (const [id, schema] of Object.entries(all)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

export function openApiDocument(baseUrl: URL): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const entry = (paths[op.path] ??= {});
    entry[op.method] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Paperboy API',
      version: '1',
      description:
        'The JSON API of this Paperboy site. Every HTML page has a JSON twin at /api + its path; the Hugging Face-compatible endpoints (/api/daily_papers, /api/papers/{id}, /api/papers/search) answer in the Hugging Face shapes. Errors are {"error", "message"}. Listings also have RSS and Atom feeds at the page path + .rss / .atom.',
    },
    servers: [{ url: baseUrl.origin }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'paperboy_session', description: 'The log-in session (named __Host-paperboy_session on https).' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: "The session's CSRF token (GET /api/account); writes also need this site's Origin." },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (pbt_…) made at /account/tokens; its scopes (vote, comment, submit) say which writes it may make.' },
      },
    },
  };
}
