import type { EventView, KeyView, SubjectView, TopicView } from './catalog-view.ts';
import { fieldRows } from './field-rows.ts';

/**
 * One static HTML page for people: every topic, its events with their fields, the key, who produces and
 * who consumes, and each subject's history. No scripts and no external files, so it works from a file.
 */
export function renderCatalogPage(topics: TopicView[], title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${topics.length} topics, ${topics.reduce((n, t) => n + t.events.length, 0)} event types</p></header>
<nav><ul>${topics.map((t) => `<li><a href="#${anchor(t.topic)}">${escapeHtml(t.topic)}</a> <small>${t.events.length}</small></li>`).join('')}</ul></nav>
<main>${topics.map(topicSection).join('\n')}</main>
</body>
</html>
`;
}

function topicSection(topic: TopicView): string {
  return `<section class="topic" id="${anchor(topic.topic)}" data-topic="${escapeHtml(topic.topic)}">
<h2>${escapeHtml(topic.topic)}</h2>
${topic.doc ? `<p>${escapeHtml(topic.doc)}</p>` : ''}
<dl class="facts">
<dt>Producers</dt><dd>${services(topic.producers)}</dd>
<dt>Consumers</dt><dd>${services(topic.consumers)}</dd>
<dt>Subjects</dt><dd>${escapeHtml(topic.strategy)}</dd>
${topic.partitions === undefined ? '' : `<dt>Partitions</dt><dd>${topic.partitions}</dd>`}
<dt>Key</dt><dd>${keySummary(topic.key)}</dd>
</dl>
${topic.key.type === 'avro' ? `<details><summary>Key schema <code>${escapeHtml(topic.key.subject.subject)}</code></summary>${fieldTable(topic.key.schema)}${history(topic.key.subject)}</details>` : ''}
${topic.union ? `<p>One subject, <code>${escapeHtml(topic.union.subject)}</code>, whose schema is a union of the event types below.</p>${history(topic.union)}` : ''}
${topic.events.map(eventBlock).join('\n')}
</section>`;
}

function eventBlock(event: EventView): string {
  return `<article class="event" data-event="${escapeHtml(event.name)}">
<h3>${escapeHtml(event.name)}</h3>
${event.doc ? `<p>${escapeHtml(event.doc)}</p>` : ''}
<p class="meta">subject <code>${escapeHtml(event.subject.subject)}</code> · ${escapeHtml(event.subject.compatibility)} · v${event.subject.versions.at(-1)?.version}</p>
${fieldTable(event.schema)}
${history(event.subject)}
</article>`;
}

function fieldTable(schema: unknown): string {
  const rows = fieldRows(schema);
  if (rows.length === 0) return '';
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Default</th><th>Description</th></tr></thead><tbody>
${rows
  .map(
    (row) =>
      `<tr><td><code>${escapeHtml(row.path)}</code></td><td><code>${escapeHtml(row.type)}</code></td><td>${row.default === undefined ? '<em>required</em>' : `<code>${escapeHtml(row.default)}</code>`}</td><td>${escapeHtml(row.doc)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

function history(subject: SubjectView): string {
  const items = [...subject.versions].reverse().map((version) => {
    const changes =
      version.version === subject.versions[0]?.version
        ? '<li>first version</li>'
        : version.changes.length === 0
          ? '<li>no field changes</li>'
          : version.changes
              .map(
                (change) =>
                  `<li class="${change.kind}">${change.kind} <code>${escapeHtml(change.path)}</code>: ${escapeHtml(change.detail)}</li>`,
              )
              .join('');
    return `<li><strong>v${version.version}</strong><ul>${changes}</ul></li>`;
  });
  return `<details class="history"><summary>History of <code>${escapeHtml(subject.subject)}</code> (${subject.versions.length} versions)</summary><ol reversed>${items.join('')}</ol></details>`;
}

function keySummary(key: KeyView): string {
  const kind =
    key.type === 'string'
      ? 'plain UTF-8 string'
      : `Avro, subject <code>${escapeHtml(key.subject.subject)}</code>`;
  return `${kind}${key.doc ? ` — ${escapeHtml(key.doc)}` : ''}`;
}

const services = (names: string[]) =>
  names.length === 0
    ? '<em>none declared</em>'
    : names.map((n) => `<span class="service">${escapeHtml(n)}</span>`).join(' ');

const anchor = (topic: string) => `topic-${topic.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:1rem 2rem}header h1{margin:0}header p{margin:.25rem 0 0;opacity:.8}
nav{padding:.5rem 2rem;background:#e9edf3}nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
main{padding:1rem 2rem;max-width:72rem}
section.topic{background:#fff;border:1px solid #d8dde5;border-radius:8px;padding:1rem 1.5rem;margin:1rem 0}
article.event{border-top:1px solid #e3e7ee;padding-top:.5rem;margin-top:1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.service{background:#e6f0ff;border-radius:4px;padding:0 .4rem}.meta{color:#5b6572}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;border-bottom:1px solid #e3e7ee;padding:.25rem .5rem;vertical-align:top}
code{font-size:.9em}li.added{color:#1a7f37}li.removed{color:#b42318}li.changed{color:#9a6700}
`;
