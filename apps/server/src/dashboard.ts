// The dashboard at /: registered models with their aliases and versions, what is being served,
// and the most recent runs with their metrics. Server-rendered HTML, no build step, no scripts.
import type { Run } from '@mlpy/tracking';
import type { RegisteredModelView } from './registry-view.js';

/** What the dashboard shows. */
export interface DashboardData {
  title: string;
  models: RegisteredModelView[];
  /** Served model → its default reference and the versions its references route to. */
  served: Record<string, { ref: string; refs: Record<string, string> }>;
  runs: Run[];
  trackingUri: string;
  error?: string | undefined;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

function metricList(metrics: Record<string, number>, max = 4): string {
  const entries = Object.entries(metrics)
    .sort(([a], [b]) => Number(!a.startsWith('test_')) - Number(!b.startsWith('test_')) || a.localeCompare(b))
    .slice(0, max);
  return entries.map(([k, v]) => `${escapeHtml(k)}=${num(v)}`).join('<br>');
}

function modelsTable(d: DashboardData): string {
  if (d.models.length === 0)
    return '<p>No registered models yet. Train and register one: <code>mlpy train data.csv --target y --register my-model --alias champion</code></p>';
  const rows = d.models.flatMap((m) =>
    [...m.versions].reverse().map((v) => {
      const aliases = Object.entries(m.aliases)
        .filter(([, ver]) => ver === v.version)
        .map(([a]) => `<span class="alias">@${escapeHtml(a)}</span>`)
        .join(' ');
      const served = d.served[m.name];
      const live =
        served && Object.values(served.refs).includes(v.version) ? '<span class="live">serving</span>' : '';
      return `<tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(v.version)}</td><td>${aliases} ${live}</td><td>${metricList(v.metrics)}</td><td><code>${escapeHtml(v.runId)}</code></td><td>${new Date(v.created).toISOString().slice(0, 19).replace('T', ' ')}</td></tr>`;
    }),
  );
  return `<table><thead><tr><th>model</th><th>version</th><th>aliases</th><th>metrics</th><th>run</th><th>registered</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function runsTable(runs: Run[]): string {
  if (runs.length === 0) return '<p>No runs yet.</p>';
  const rows = runs.map((r) => {
    const metrics = Object.fromEntries(Object.entries(r.data.metrics).map(([k, m]) => [k, m.value]));
    return `<tr><td><code>${escapeHtml(r.info.runId.slice(0, 12))}</code></td><td>${escapeHtml(r.info.runName)}</td><td>${escapeHtml(r.info.status)}</td><td>${new Date(r.info.startTime).toISOString().slice(0, 19).replace('T', ' ')}</td><td>${metricList(metrics)}</td></tr>`;
  });
  return `<table><thead><tr><th>run</th><th>name</th><th>status</th><th>started</th><th>metrics</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The dashboard page. */
export function renderDashboard(d: DashboardData): string {
  const served = Object.entries(d.served);
  const endpoints = served
    .map(
      ([name, s]) =>
        `<li><code>POST /models/${escapeHtml(name)}/predict</code> → ${escapeHtml(name)}${escapeHtml(s.ref)}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(d.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f5f5f5}.alias{background:#e3f0ff;border-radius:3px;padding:0 .3rem}.live{background:#dff5e1;border-radius:3px;padding:0 .3rem}
.error{background:#fde8e8;padding:.5rem}code{font-size:.9em}nav a{margin-right:1rem}
</style></head><body>
<h1>${escapeHtml(d.title)}</h1>
<nav><a href="/docs">API docs</a><a href="/openapi.json">OpenAPI</a><a href="/metrics">metrics</a><a href="/health">health</a><a href="/ready">ready</a><a href="/models">models (JSON)</a></nav>
${d.error ? `<p class="error">${escapeHtml(d.error)}</p>` : ''}
<p>Tracking store: <code>${escapeHtml(d.trackingUri)}</code></p>
<h2>Serving</h2>
${served.length ? `<ul>${endpoints}</ul><p>Other aliases: add <code>?alias=&lt;name&gt;</code> to a predict URL.</p>` : '<p>Nothing is served: no registered model has an alias.</p>'}
<h2>Registered models</h2>
${modelsTable(d)}
<h2>Recent runs</h2>
${runsTable(d.runs)}
</body></html>`;
}
