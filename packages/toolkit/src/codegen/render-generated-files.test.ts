import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.ts';
import { CatalogError } from '../catalog/catalog-error.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { CodegenError } from './codegen-error.ts';
import { type RenderOptions, renderGeneratedFiles } from './render-generated-files.ts';

interface TopicSpec {
  topic: string;
  versions: object[];
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function subject(topic: string, ...versions: object[]): TopicSpec {
  return { topic, versions };
}

/** A catalog folder of single-event topics with plain string keys, loaded as events-generate would. */
function catalogOf(specs: TopicSpec[]): Catalog {
  const dir = mkdtempSync(join(tmpdir(), 'codegen-'));
  folders.push(dir);
  const topics = Object.fromEntries(specs.map((s) => [s.topic, { key: { type: 'string', doc: 'The id.' } }]));
  writeFileSync(join(dir, 'topics.json'), JSON.stringify(topics));
  for (const spec of specs) {
    const folder = join(dir, `${spec.topic}-value`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'subject.json'), JSON.stringify({ compatibility: 'FULL_TRANSITIVE' }));
    spec.versions.forEach((schema, index) => {
      writeFileSync(join(folder, `v${index + 1}.avsc`), JSON.stringify(schema));
    });
  }
  return loadCatalog(dir);
}

function record(name: string, fields: object[], extra: object = {}): object {
  return { type: 'record', name, namespace: 'test.ns', fields, ...extra };
}

function moduleOf(specs: TopicSpec[], path: string, options: RenderOptions = {}): string {
  const file = renderGeneratedFiles(catalogOf(specs), options).find((f) => f.path === path);
  if (!file) throw new Error(`${path} was not generated`);
  return file.content;
}

const field = (name: string, type: unknown, extra: object = {}): object => ({ name, type, ...extra });

describe('renderGeneratedFiles', () => {
  it('writes one module per subject plus the topic map and the index, under src/generated', () => {
    const paths = renderGeneratedFiles(catalogOf([subject('a_topic', record('A', []))])).map((f) => f.path);
    expect(paths).toEqual(['a-topic-value.ts', 'topic-map.ts', 'index.ts']);
  });

  it('generates from the newest version only', () => {
    const content = moduleOf(
      [subject('t', record('E', [field('old', 'int')]), record('E', [field('renewed', 'int')]))],
      't-value.ts',
    );
    expect(content).toContain('renewed: number;');
    expect(content).not.toContain('old');
  });

  it('maps every primitive type', () => {
    const content = moduleOf(
      [
        subject(
          't',
          record('P', [
            field('n', 'null'),
            field('b', 'boolean'),
            field('i', 'int'),
            field('l', 'long'),
            field('f', 'float'),
            field('d', 'double'),
            field('s', 'string'),
            field('by', 'bytes'),
          ]),
        ),
      ],
      't-value.ts',
    );
    for (const line of ['n: null;', 'b: boolean;', 'i: number;', 'l: number;', 'f: number;', 'd: number;']) {
      expect(content).toContain(line);
    }
    expect(content).toContain('s: string;');
    expect(content).toContain('by: Buffer;');
  });

  it('turns records into interfaces with their docs and defaults as comments', () => {
    const content = moduleOf(
      [subject('t', record('R', [field('x', 'int', { doc: 'The x.', default: 3 })], { doc: 'A record.' }))],
      't-value.ts',
    );
    expect(content).toContain(
      '/** A record. */\nexport interface R {\n  /**\n   * The x.\n   * @default 3\n   */\n  x: number;\n}',
    );
  });

  it('turns enums into a string-literal union and a const array of symbols', () => {
    const content = moduleOf(
      [
        subject(
          't',
          record('R', [
            field('s', { type: 'enum', name: 'Status', symbols: ['ACTIVE', 'GONE'], doc: 'State.' }),
          ]),
        ),
      ],
      't-value.ts',
    );
    expect(content).toContain("export const statusSymbols = ['ACTIVE', 'GONE'] as const;");
    expect(content).toContain('/** State. */\nexport type Status = (typeof statusSymbols)[number];');
    expect(content).toContain('s: Status;');
    expect(
      moduleOf(
        [subject('t', record('R', [field('s', { type: 'enum', name: 'Status', symbols: ['A'] })]))],
        'index.ts',
      ),
    ).toContain("export { statusSymbols } from './t-value.ts';");
  });

  it('turns a nullable union into T | null', () => {
    const content = moduleOf([subject('t', record('R', [field('n', ['null', 'string'])]))], 't-value.ts');
    expect(content).toContain('n: string | null;');
  });

  it('keeps an unambiguous union as a plain union and wraps an ambiguous one in a keyed, exclusive shape', () => {
    const a = record('A', [field('a', 'int')]);
    const b = record('B', [field('b', 'int')]);
    const content = moduleOf(
      [subject('t', record('R', [field('plain', ['int', 'string']), field('either', ['null', a, b])]))],
      't-value.ts',
    );
    expect(content).toContain('plain: number | string;');
    expect(content).toContain(
      "either: { 'test.ns.A': A; 'test.ns.B'?: never } | { 'test.ns.A'?: never; 'test.ns.B': B } | null;",
    );
  });

  it('maps arrays, maps and fixed', () => {
    const content = moduleOf(
      [
        subject(
          't',
          record('R', [
            field('tags', { type: 'array', items: 'string' }),
            field('maybe', { type: 'array', items: ['null', 'int'] }),
            field('counts', { type: 'map', values: 'long' }),
            field('hash', { type: 'fixed', name: 'Md5', size: 16 }),
          ]),
        ),
      ],
      't-value.ts',
    );
    expect(content).toContain('tags: string[];');
    expect(content).toContain('maybe: Array<number | null>;');
    expect(content).toContain('counts: Record<string, number>;');
    expect(content).toContain('/** Avro fixed, exactly 16 bytes. */\nexport type Md5 = Buffer;');
    expect(content).toContain('hash: Md5;');
  });

  it('maps logical types to what the serde returns, and invalid ones to their underlying type', () => {
    const content = moduleOf(
      [
        subject(
          't',
          record('R', [
            field('at', { type: 'long', logicalType: 'timestamp-millis' }),
            field('day', { type: 'int', logicalType: 'date' }),
            field('id', { type: 'string', logicalType: 'uuid' }),
            field('price', { type: 'bytes', logicalType: 'decimal', precision: 8, scale: 2 }),
            field('broken', { type: 'long', logicalType: 'decimal', precision: 8 }),
            field('micros', { type: 'long', logicalType: 'timestamp-micros' }),
          ]),
        ),
      ],
      't-value.ts',
    );
    expect(content).toContain('at: Date;');
    expect(content).toContain('day: string;');
    expect(content).toContain('id: string;');
    expect(content).toContain('price: string;');
    expect(content).toContain('broken: number;');
    expect(content).toContain(
      '  /** Avro timestamp-micros: not converted by the serde, the value is the underlying long. */\n  micros: number;',
    );
  });

  it('embeds reader schemas that keep what avsc drops: enum defaults and logical types it does not convert', () => {
    const status = { type: 'enum', name: 'Status', symbols: ['ON', 'OFF'], default: 'ON' };
    const micros = { type: 'long', logicalType: 'timestamp-micros' };
    const content = moduleOf(
      [subject('t', record('R', [field('s', status), field('at', ['null', micros], { default: null })]))],
      'topic-map.ts',
    );
    const embedded = JSON.parse(content.slice(content.indexOf('} = ') + 4, content.lastIndexOf(';')));
    expect(embedded.t.events['test.ns.R'].schema.fields).toEqual([
      { name: 's', type: { ...status, name: 'test.ns.Status' } },
      { name: 'at', type: ['null', micros], default: null },
    ]);
  });

  it('imports generated modules with the extension asked for: .ts by default, .js, or none', () => {
    const catalog = [subject('t', record('R', [field('s', { type: 'enum', name: 'S', symbols: ['A'] })]))];
    expect(moduleOf(catalog, 'topic-map.ts')).toContain("import type { R } from './t-value.ts';");
    const js = { importExtension: '.js' } as const;
    expect(moduleOf(catalog, 'topic-map.ts', js)).toContain("import type { R } from './t-value.js';");
    expect(moduleOf(catalog, 'index.ts', js)).toContain("export { sSymbols } from './t-value.js';");
    expect(moduleOf(catalog, 'index.ts', js)).toContain("from './topic-map.js';");
    const none = moduleOf(catalog, 'index.ts', { importExtension: 'none' });
    expect(none).toContain("export type { S, R } from './t-value';");
    expect(none).toContain("from './topic-map';");
  });

  it('declares a recursive record once', () => {
    const node = record('Node', [field('next', ['null', 'Node'])]);
    const content = moduleOf([subject('t', node)], 't-value.ts');
    expect(content.match(/export interface Node/g)).toHaveLength(1);
    expect(content).toContain('next: Node | null;');
  });

  it('refuses a named type defined inline by two subjects: it must be one shared type subject', () => {
    const address = {
      type: 'record',
      name: 'Address',
      namespace: 'shared',
      fields: [field('city', 'string')],
    };
    const specs = [
      subject('a', record('A', [field('home', address)])),
      subject('b', record('B', [field('work', address)])),
    ];
    expect(() => catalogOf(specs)).toThrow(
      expect.objectContaining({ name: 'CatalogError', code: 'DUPLICATE_NAME' }),
    );
  });

  it('refuses two different types that would get the same TypeScript name', () => {
    const catalog = [
      subject('a', record('A', [field('x', { type: 'record', name: 'Item', namespace: 'one', fields: [] })])),
      subject('b', record('B', [field('y', { type: 'record', name: 'Item', namespace: 'two', fields: [] })])),
    ];
    expect(() => renderGeneratedFiles(catalogOf(catalog))).toThrow(CodegenError);
    expect(() => renderGeneratedFiles(catalogOf(catalog))).toThrow(
      /one\.Item and two\.Item|two\.Item and one\.Item/,
    );
  });

  it('names the file of an invalid schema', () => {
    expect(() => catalogOf([subject('t', { type: 'record', name: 'R' })])).toThrow(CatalogError);
    expect(() => catalogOf([subject('t', { type: 'record', name: 'R' })])).toThrow(
      /t-value\/v1\.avsc: not a valid Avro schema/,
    );
  });

  it('maps each topic to its value type and describes its subject, key and schema', () => {
    const content = moduleOf([subject('t', record('R', []))], 'topic-map.ts');
    expect(content).toContain("import type { R } from './t-value.ts';");
    expect(content).toContain(
      "  /** Key: The id. */\n  t: { key: string; value: R; events: { 'test.ns.R': R } };",
    );
    expect(content).toContain('"subject": "t-value",\n      "version": 1,');
  });

  it('is deterministic: the same catalog renders byte for byte the same files', () => {
    const dir = join(import.meta.dirname, '../../test/fixtures/user-catalog');
    expect(renderGeneratedFiles(loadCatalog(dir))).toEqual(renderGeneratedFiles(loadCatalog(dir)));
  });
});
