import { createHash } from 'node:crypto';
import { compareSchemas } from '../../src/compatibility/check-compatibility.ts';
import { createSerde, type Serde } from '../../src/serde/create-serde.ts';
import type { TopicDescriptors } from '../../src/topic-descriptor.ts';
import type { CatalogLoader, LoadedCatalog } from './catalog-loader.ts';
import { resolveAsConfluent } from './confluent-resolution.ts';
import { decodePair } from './decode-pair.ts';
import { type Disagreement, normalizeMessage } from './disagreements.ts';
import { startFakeRegistry } from './fake-registry.ts';
import { type OracleJob, runJavaOracle } from './java-oracle.ts';
import type { CatalogRef, ValuePair } from './value-pairs.ts';

export interface ValueReport {
  candidates: number;
  /** Distinct (writer, reader) pairs sent to Java. */
  jobs: number;
  /** Pairs decoded, by source (`fixture shop-catalog`, `mutation`). */
  pairsBySource: Map<string, number>;
  pairs: number;
  failingPairs: number;
  values: number;
  agree: number;
  refusedAsDocumented: number;
  /** Pairs not decoded: one verdict or both say incompatible. */
  javaOnly: number;
  toolkitOnly: number;
  neither: number;
  /** Pairs with no consumer to generate or no values to write, and why. */
  skipped: Disagreement[];
  disagreements: Disagreement[];
  seconds: { load: number; decode: number };
}

/**
 * Java writes `randomValues` random values plus its edge values for every pair (one JVM for all pairs) and says
 * whether it calls the pair compatible; every pair that Java and the checker both call compatible is decoded
 * through the toolkit's consumer path and compared value by value.
 */
export async function compareValues(
  pairs: readonly ValuePair[],
  loader: CatalogLoader,
  randomValues: number,
): Promise<ValueReport> {
  // One job per distinct (writer, reader): the user catalog and contracts/schemas hold the same schemas.
  const jobs: OracleJob[] = [];
  const jobOf = new Map<ValuePair, string>();
  const seen = new Set<string>();
  for (const pair of pairs) {
    const writer = resolveAsConfluent(pair.versions.files, pair.subject, pair.writerVersion);
    const reader = resolveAsConfluent(pair.versions.files, pair.subject, pair.readerVersion);
    const key = JSON.stringify([pair.topic, pair.role, writer, reader]);
    if (seen.has(key)) continue;
    seen.add(key);
    const id = `v${jobs.length}`;
    jobOf.set(pair, id);
    jobs.push({ kind: 'values', id, writer, reader, seed: seedOf(pair.id), count: randomValues });
  }
  const results = await runJavaOracle(jobs);

  const registry = await startFakeRegistry();
  const serdes = new Map<TopicDescriptors, Serde<TopicDescriptors>>();
  const report: ValueReport = {
    candidates: pairs.length,
    jobs: jobs.length,
    pairsBySource: new Map(),
    pairs: 0,
    failingPairs: 0,
    values: 0,
    agree: 0,
    refusedAsDocumented: 0,
    javaOnly: 0,
    toolkitOnly: 0,
    neither: 0,
    skipped: [],
    disagreements: [],
    seconds: { load: 0, decode: 0 },
  };
  const load = (ref: CatalogRef): LoadedCatalog | string => {
    const started = performance.now();
    try {
      return loader.load(ref.files, ref.base);
    } catch (error) {
      return `the catalog does not load: ${(error as Error).message}`;
    } finally {
      report.seconds.load += (performance.now() - started) / 1000;
    }
  };
  const skip = (pair: ValuePair, reason: string) =>
    report.skipped.push({ class: normalizeMessage(reason), example: `${pair.id}: ${reason}` });

  for (const pair of pairs) {
    const id = jobOf.get(pair);
    if (!id) continue;
    const java = results.get(id);
    if (!java) throw new Error(`Java did not answer ${pair.id}`);
    if (java.error) {
      skip(pair, `Java: ${java.error}`);
      continue;
    }
    const versions = load(pair.versions);
    if (typeof versions === 'string') {
      skip(pair, versions);
      continue;
    }
    const checker = checkerCalls(versions, pair);
    if (!java.compatible || !checker) {
      if (java.compatible) report.javaOnly += 1;
      else if (checker) report.toolkitOnly += 1;
      else report.neither += 1;
      continue;
    }
    const state = pair.readerState ? load(pair.readerState) : (pair.noReaderState ?? 'no reader state');
    const topics = typeof state === 'string' ? undefined : state.topics;
    if (!topics) {
      skip(pair, typeof state === 'string' ? state : `codegen refuses: ${state.codegenError}`);
      continue;
    }
    // Each writer in a registry space of its own: two variants' `shop.common.Money` v2 never meet.
    const writerId = registry.register(
      pair.versions.files,
      pair.subject,
      pair.writerVersion,
      `p${report.pairs}`,
    );
    const started = performance.now();
    // One consumer per generated topic map, as a service runs one serde; each writer id is new to it.
    let serde = serdes.get(topics);
    if (!serde) {
      serde = createSerde({ topics, registry: { url: registry.url } });
      serdes.set(topics, serde);
    }
    const outcomes = await decodePair(pair, serde, topics, writerId, java.values ?? []);
    report.seconds.decode += (performance.now() - started) / 1000;
    report.pairs += 1;
    report.pairsBySource.set(pair.source, (report.pairsBySource.get(pair.source) ?? 0) + 1);
    let failed = false;
    for (const outcome of outcomes) {
      report.values += 1;
      if (outcome.status === 'agree') report.agree += 1;
      else if (outcome.status === 'refused as documented') report.refusedAsDocumented += 1;
      else {
        failed = true;
        report.disagreements.push({ class: outcome.class, example: outcome.example });
      }
    }
    if (failed) report.failingPairs += 1;
  }
  return report;
}

/** The checker's verdict on exactly this direction: the reader as the new schema, the writer as its history. */
function checkerCalls(loaded: LoadedCatalog, pair: ValuePair): boolean {
  const entry = loaded.catalog.subjects.find((subject) => subject.subject === pair.subject);
  const writer = entry?.versions[pair.writerVersion - 1]?.node;
  const reader = entry?.versions[pair.readerVersion - 1]?.node;
  if (!writer || !reader) throw new Error(`${pair.id}: versions missing from the loaded catalog`);
  return compareSchemas(reader, [writer], 'BACKWARD').findings.length === 0;
}

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0);
}
