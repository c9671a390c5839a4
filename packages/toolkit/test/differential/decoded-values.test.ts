import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { fixturesDir } from '../helpers.ts';
import { readCatalogFiles } from './catalog-files.ts';
import { CatalogLoader } from './catalog-loader.ts';
import { formatGroups, groupByClass, writeFullList } from './disagreements.ts';
import { reportsDir } from './java-oracle.ts';
import { valueKnownDifferences } from './known-differences.ts';
import { generateMutations } from './mutations.ts';
import { compareValues } from './value-differential.ts';
import { historyPairs, mutationPairs, type ValuePair } from './value-pairs.ts';

/** Random values per pair, on top of the edge values (every edge of every field, enum symbol and union branch). */
const RANDOM_VALUES = 20;

const fixtureCatalogs: [string, string][] = [
  ['shop-catalog', join(fixturesDir, 'shop-catalog')],
  ['user-catalog', join(fixturesDir, 'user-catalog')],
  ['differential-catalog', join(fixturesDir, 'differential-catalog')],
  ['contracts/schemas', join(import.meta.dirname, '..', '..', '..', '..', 'contracts', 'schemas')],
];

describe("the consumer's decode against Avro's Java GenericDatumReader", () => {
  it('reads every value Java writes, for every pair of versions both call compatible, as Java reads it', async () => {
    const loader = new CatalogLoader(scratchDir('differential-values-'));
    const pairs: ValuePair[] = [];
    for (const [name, dir] of fixtureCatalogs) {
      const files = readCatalogFiles(dir);
      pairs.push(...historyPairs(`fixture ${name}`, files, loader.load(files).catalog));
    }
    const baseDir = join(fixturesDir, 'differential-catalog');
    const base = readCatalogFiles(baseDir);
    const catalog = loadCatalog(baseDir);
    const roles = new Map(catalog.subjects.map((entry) => [entry.subject, entry.role]));
    pairs.push(...mutationPairs(base, catalog, generateMutations(base, roles)));

    const report = await compareValues(pairs, loader, RANDOM_VALUES);

    const groups = groupByClass(report.disagreements, valueKnownDifferences);
    const agreeing = report.agree + report.refusedAsDocumented;
    const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;
    console.info(
      [
        `Values against Java: ${report.pairs} pairs decoded (${[...report.pairsBySource].map(([source, n]) => `${n} ${source}`).join(', ')}), ${report.values} values; ${report.candidates} candidate pairs, ${report.jobs} distinct`,
        `  agreement: ${agreeing}/${report.values} values (${percent(agreeing, report.values)}; ${report.refusedAsDocumented} refused as documented), ${report.pairs - report.failingPairs}/${report.pairs} pairs`,
        `  not decoded: compatible for Java only ${report.javaOnly}, for the checker only ${report.toolkitOnly}, for neither ${report.neither}`,
        `  time: loading and generating catalogs ${report.seconds.load.toFixed(1)} s, decoding and comparing ${report.seconds.decode.toFixed(1)} s`,
        formatGroups(
          '  pairs not decoded for want of a consumer or of values',
          groupByClass(report.skipped, []),
        ),
        formatGroups('  disagreements', groups),
        `  every disagreement: ${writeFullList(reportsDir, 'values', report.disagreements)}`,
      ].join('\n'),
    );
    expect(report.pairs).toBeGreaterThanOrEqual(300);
    expect(report.values).toBeGreaterThanOrEqual(300 * RANDOM_VALUES);
    expect(groups.filter((group) => !group.known).map((group) => `[${group.count}] ${group.class}`)).toEqual(
      [],
    );
  }, 600_000);
});
