#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { catalogView } from '../src/docs/catalog-view.ts';
import { renderAsyncApi } from '../src/docs/render-asyncapi.ts';
import { renderCatalogPage } from '../src/docs/render-catalog-page.ts';
import { exitOnHelp, failWith, helpFlag } from './cli-support.ts';

const usage = `Usage: events-docs --schemas DIR --out DIR [--title TEXT] [--api-version X.Y.Z]

Writes, from the schema catalog in --schemas (default ./schemas) alone, into --out:
  asyncapi.yaml   an AsyncAPI 3.0 document: a channel per topic, a message per event type (Avro payload and
                  key), a send or receive operation per producer and consumer the catalog declares;
  index.html      the event catalog page: topics, events, fields, keys, versions and what changed.`;

const { values } = parseArgs({
  options: {
    schemas: { type: 'string', default: 'schemas' },
    out: { type: 'string' },
    title: { type: 'string', default: 'Event catalog' },
    'api-version': { type: 'string', default: '1.0.0' },
    ...helpFlag,
  },
});
exitOnHelp(values.help, usage);
if (!values.out) failWith(`--out is required.\n\n${usage}`, 2);

try {
  const topics = catalogView(loadCatalog(resolve(values.schemas)));
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const asyncApi = renderAsyncApi(topics, { title: values.title, version: values['api-version'] });
  writeFileSync(join(outDir, 'asyncapi.yaml'), stringify(asyncApi, { aliasDuplicateObjects: false }));
  writeFileSync(join(outDir, 'index.html'), renderCatalogPage(topics, values.title));
  const events = topics.reduce((sum, topic) => sum + topic.events.length, 0);
  console.log(
    `wrote ${join(values.out, 'asyncapi.yaml')} and ${join(values.out, 'index.html')} (${topics.length} topics, ${events} event types)`,
  );
} catch (error) {
  failWith(`events-docs failed: ${(error as Error).message}`, 1);
}
