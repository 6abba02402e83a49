// /api/docs: the OpenAPI document as a page, rendered on the server (no script; the CSP allows only
// this site's own files anyway): each endpoint with its parameters, body fields, answer and who may
// call it; the machine-readable document is /api/openapi.json.
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A JSON Schema in a few words: "integer, 1–100, default 20", "one of keyword, semantic, hybrid". */
function typeText(schema: Json): string {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '';
  const parts: string[] = [];
  const anyOf = asArray(schema.anyOf);
  if (anyOf.length > 0) parts.push(anyOf.map((s) => typeText(asObject(s))).join(' or '));
  else if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map(String).join(', ')}`);
  else if (schema.const !== undefined) parts.push(JSON.stringify(schema.const));
  else if (schema.type === 'array') parts.push(`array of ${typeText(asObject(schema.items))}`);
  else if (typeof schema.type === 'string') parts.push(schema.type);
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') parts.push(`${schema.minimum}–${schema.maximum}`);
  if (typeof schema.maxLength === 'number') parts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined && schema.default !== '') parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(', ') || 'any';
}

function parameterRows(params: unknown[]): SafeHtml | null {
  if (params.length === 0) return null;
  return html`<table class="params"><thead><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr></thead><tbody>${params.map((p) => {
    const o = asObject(p);
    return html`<tr><td><code>${String(o.name)}</code></td><td>${String(o.in)}</td><td>${typeText(asObject(o.schema))}</td><td>${o.required ? 'required' : ''} ${typeof o.description === 'string' ? o.description : ''}</td></tr>`;
  })}</tbody></table>`;
}

function bodyRows(requestBody: unknown): SafeHtml | null {
  const schema = asObject(asObject(asObject(asObject(requestBody).content)['application/json']).schema);
  const props = Object.entries(asObject(schema.properties)).filter(([name]) => name !== '_csrf');
  if (props.length === 0) return null;
  const required = new Set(asArray(schema.required).map(String));
  return html`<p>JSON body:</p><table class="params"><tbody>${props.map(
    ([name, s]) => html`<tr><td><code>${name}</code></td><td>${typeText(asObject(s))}</td><td>${required.has(name) ? 'required' : ''}</td></tr>`,
  )}</tbody></table>`;
}

function responsesText(responses: unknown): SafeHtml {
  return html`<ul class="responses">${Object.entries(asObject(responses)).map(([status, r]) => {
    const o = asObject(r);
    const content = asObject(o.content);
    const schema = Object.values(content).map((c) => typeText(asObject(asObject(c).schema)))[0];
    return html`<li><code>${status}</code> ${String(o.description)}${schema ? html` → <a href="#schema-${schema}">${schema}</a>` : null}</li>`;
  })}</ul>`;
}

export function apiDocsPage(doc: Json): SafeHtml {
  const paths = Object.entries(asObject(doc.paths));
  const tags = asArray(doc.tags).map((t) => String(asObject(t).name));
  const schemas = Object.entries(asObject(asObject(doc.components).schemas));
  const ops = paths.flatMap(([path, item]) => Object.entries(asObject(item)).map(([method, op]) => ({ path, method, op: asObject(op) })));
  return layout(
    { title: 'API · Paperboy', description: 'The JSON API of this site: endpoints, parameters, answers and API tokens.' },
    html`<section class="about api-docs">
<h1>API</h1>
<p>${String(asObject(doc.info).description)}</p>
<p>The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Programs that vote or comment for you use a personal API token from <a href="/account/tokens">your account</a>.</p>
<nav aria-label="Sections"><ul>${tags.map((t) => html`<li><a href="#tag-${t.replace(/\W+/g, '-')}">${t}</a></li>`)}<li><a href="#schemas">Answer shapes</a></li></ul></nav>
${tags.map(
  (tag) => html`<h2 id="tag-${tag.replace(/\W+/g, '-')}">${tag}</h2>
${ops
  .filter(({ op }) => asArray(op.tags).includes(tag))
  .map(
    ({ path, method, op }) => html`<article class="operation" id="${String(op.operationId)}">
<h3><code>${method.toUpperCase()} ${path}</code></h3>
<p>${String(op.summary)}</p>
${(typeof op.description === 'string' ? op.description : '').split('\n\n').map((p) => html`<p>${p}</p>`)}
${parameterRows(asArray(op.parameters))}
${bodyRows(op.requestBody)}
${responsesText(op.responses)}
</article>`,
  )}`,
)}
<h2 id="schemas">Answer shapes</h2>
${schemas.map(([name, s]) => {
  const o = asObject(s);
  const props = Object.entries(asObject(o.properties));
  const required = new Set(asArray(o.required).map(String));
  return html`<article class="schema" id="schema-${name}"><h3>${name}</h3>${typeof o.description === 'string' ? html`<p>${o.description}</p>` : null}
${props.length > 0
  ? html`<table class="params"><tbody>${props.map(([field, fs]) => html`<tr><td><code>${field}</code></td><td>${typeText(asObject(fs))}</td><td>${required.has(field) ? '' : 'optional'}</td></tr>`)}</tbody></table>`
  : html`<p>${typeText(o)}</p>`}
</article>`;
})}
</section>`,
  );
}
