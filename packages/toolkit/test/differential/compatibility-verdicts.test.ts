import { join } from 'node:path';
import { scratchDir } from '@events/test-kit/scratch-dir';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { fixturesDir } from '../helpers.ts';
import { CatalogWorkspace, readCatalogFiles } from './catalog-files.ts';
import { formatGroups, groupByClass, writeFullList } from './disagreements.ts';
import { reportsDir } from './java-oracle.ts';
import { verdictKnownDifferences } from './known-differences.ts';
import { generateMutations } from './mutations.ts';
import { compareVerdicts } from './verdict-differential.ts';

const catalogDir = join(fixturesDir, 'differential-catalog');

describe("the checker against Avro's Java SchemaCompatibility", () => {
  it("gives Java's verdict on every history and shared-type impact of 500+ single-change variants of a catalog with references", async () => {
    const base = readCatalogFiles(catalogDir);
    const roles = new Map(loadCatalog(catalogDir).subjects.map((entry) => [entry.subject, entry.role]));
    const variants = generateMutations(base, roles);
    expect(variants.length).toBeGreaterThanOrEqual(500);

    const workspace = new CatalogWorkspace(base, join(scratchDir('differential-verdicts-'), 'schemas'));
    const report = await compareVerdicts(variants, workspace);

    const groups = groupByClass(report.disagreements, verdictKnownDifferences);
    console.info(
      [
        `Verdicts against Java: ${report.variants} variants, ${report.compared} verdicts compared (${report.touched} on the changed subject or its users), ${report.javaPairs} distinct schema pairs asked of Java`,
        `  agreement: ${report.agreeing}/${report.compared} (${((100 * report.agreeing) / report.compared).toFixed(2)} %; ${report.compatible} compatible, ${report.incompatible} incompatible)`,
        `  refused as invalid by both (not compared): ${report.refusedByBoth.length ? report.refusedByBoth.join('; ') : 'none'}`,
        formatGroups('  disagreements', groups),
        `  every disagreement: ${writeFullList(reportsDir, 'verdicts', report.disagreements)}`,
      ].join('\n'),
    );
    // Both verdicts must occur, or agreement would prove little.
    expect(report.compatible).toBeGreaterThan(0);
    expect(report.incompatible).toBeGreaterThan(0);
    expect(groups.filter((group) => !group.known).map((group) => `[${group.count}] ${group.class}`)).toEqual(
      [],
    );
  }, 300_000);
});
