import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { SchemaReference } from '../../src/topic-descriptor.ts';
import { type CatalogFiles, subjectFiles } from './catalog-files.ts';

interface Stored {
  id: number;
  subject: string;
  version: number;
  schema: string;
  references: SchemaReference[];
}

export interface FakeRegistry {
  url: string;
  /**
   * Registers `subject` v`version` of `catalog` and every version it references, under subjects prefixed with
   * `space` (one space per writer, so that two catalogs' `shop.common.Money` v2 never meet); returns its id.
   */
  register(catalog: CatalogFiles, subject: string, version: number, space: string): number;
}

/**
 * The read side of Confluent's REST API that a consumer's registry client uses (schema by id, a subject's version
 * for references), served from memory on 127.0.0.1: the decode path runs offline, over real HTTP. Closed when the
 * test that started it ends.
 */
export async function startFakeRegistry(): Promise<FakeRegistry> {
  const byId = new Map<number, Stored>();
  const byVersion = new Map<string, Stored>();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '').split('?')[0] as string);
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      response.end(JSON.stringify(body));
    };
    const byIdMatch = /^\/schemas\/ids\/(\d+)$/.exec(path);
    const versionMatch = /^\/subjects\/(.+)\/versions\/(\d+)$/.exec(path);
    const stored = byIdMatch
      ? byId.get(Number(byIdMatch[1]))
      : versionMatch
        ? byVersion.get(`${versionMatch[1]}@${versionMatch[2]}`)
        : undefined;
    if (request.method !== 'GET' || !stored) {
      answer(404, { error_code: 40403, message: `not found: ${request.method} ${path}` });
      return;
    }
    answer(200, {
      id: stored.id,
      subject: stored.subject,
      version: stored.version,
      schema: stored.schema,
      ...(stored.references.length > 0 && { references: stored.references }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;

  const store = (catalog: CatalogFiles, subject: string, version: number, space: string): Stored => {
    const key = `${space}~${subject}@${version}`;
    const existing = byVersion.get(key);
    if (existing) return existing;
    const files = subjectFiles(catalog, subject).versions[version - 1];
    if (!files) throw new Error(`no ${subject} v${version} to register`);
    const references = files.references.map((reference) => {
      store(catalog, reference.subject, reference.version, space);
      return { ...reference, subject: `${space}~${reference.subject}` };
    });
    const stored: Stored = {
      id: byId.size + 1,
      subject: `${space}~${subject}`,
      version,
      schema: JSON.stringify(files.schema),
      references,
    };
    byId.set(stored.id, stored);
    byVersion.set(key, stored);
    return stored;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    register: (catalog, subject, version, space) => store(catalog, subject, version, space).id,
  };
}
