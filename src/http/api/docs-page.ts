// A browsable page for the OpenAPI document, self-contained (no CDN): schools often
// run Vestnik on networks that reach nothing outside.
const SCRIPT = `
const root = document.getElementById('api');
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
function typeOf(s) {
  if (!s) return 'any';
  if (s.$ref) return s.$ref.split('/').pop();
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.type === 'array') return typeOf(s.items) + '[]';
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type || 'any');
  return s.pattern ? t + ' (' + s.pattern + ')' : t;
}
function fields(schema) {
  const target = schema.type === 'array' ? schema.items : schema;
  if (!target || !target.properties) return el('p', typeOf(schema));
  const table = el('table');
  const head = el('tr'); ['field', 'type', 'required'].forEach((h) => head.appendChild(el('th', h))); table.appendChild(head);
  const required = new Set(target.required || []);
  for (const [name, prop] of Object.entries(target.properties)) {
    const row = el('tr');
    row.appendChild(el('td', name, 'name'));
    const cell = el('td', typeOf(prop));
    const nested = prop.type === 'array' ? prop.items : prop;
    if (nested && nested.properties) cell.appendChild(fields(nested));
    row.appendChild(cell);
    row.appendChild(el('td', required.has(name) ? 'yes' : ''));
    table.appendChild(row);
  }
  return table;
}
fetch(root.dataset.src).then((r) => r.json()).then((doc) => {
  document.getElementById('intro').textContent = doc.info.description;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const box = el('details');
      const summary = el('summary');
      summary.appendChild(el('span', method.toUpperCase(), 'method ' + method));
      summary.appendChild(el('code', ' ' + path + ' '));
      summary.appendChild(el('span', op.summary));
      box.appendChild(summary);
      box.appendChild(el('h4', 'Body'));
      box.appendChild(fields(op.requestBody.content['application/json'].schema));
      box.appendChild(el('h4', 'Answers'));
      const list = el('ul');
      for (const [code, res] of Object.entries(op.responses)) list.appendChild(el('li', code + ' — ' + res.description));
      box.appendChild(list);
      root.appendChild(box);
    }
  }
}).catch((e) => { root.textContent = 'Could not load the API description: ' + e; });
`;

export function renderDocsPage(documentUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vestnik API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}.method{font-weight:bold;display:inline-block;min-width:4.5rem}
.post{color:#1a7f37}.delete{color:#cf222e}table{border-collapse:collapse;margin:.3rem 0}
td,th{border:1px solid #e5e5e5;padding:.2rem .5rem;text-align:left;vertical-align:top}.name{font-family:monospace}
</style></head><body>
<h1>Vestnik e-journal exchange API</h1>
<p id="intro"></p>
<p>Authenticate every request with <code>Authorization: Bearer &lt;API key&gt;</code>. The machine-readable
description is at <a href="${documentUrl}">${documentUrl}</a>.</p>
<div id="api" data-src="${documentUrl}"></div>
<script>${SCRIPT}</script>
</body></html>`;
}
