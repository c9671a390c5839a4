import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@events/stack/paths';

/** The contracts catalog as one variant of the scenario sees it, and the code generated from it. */
export interface VariantCatalog {
  schemasDir: string;
  generatedDir: string;
  /** The catalog's (and Kafka's) name of the user_register topic in this run. */
  topic: string;
  subject: string;
  /** The version producers write and readers decode into. */
  version: number;
}

const CATALOG_TOPIC = 'user_register';

/**
 * main's catalog with user_register renamed to the run's scratch topic, so that every subject the variants
 * register is `<scratch>-value` and never the real `user_register-value`, and `extraVersions` (files, in
 * order) added after its newest version; then generated with the toolkit's events-generate.
 */
export async function buildVariantCatalog({
  dir,
  topic,
  extraVersions = [],
}: {
  dir: string;
  topic: string;
  extraVersions?: readonly string[];
}): Promise<VariantCatalog> {
  const schemasDir = join(dir, 'schemas');
  const generatedDir = join(dir, 'generated');
  const subject = `${topic}-value`;
  cpSync(join(repoRoot, 'contracts/schemas'), schemasDir, { recursive: true });
  renameSync(join(schemasDir, `${CATALOG_TOPIC}-value`), join(schemasDir, subject));
  const topicsFile = join(schemasDir, 'topics.json');
  const { [CATALOG_TOPIC]: declaration, ...others } = JSON.parse(readFileSync(topicsFile, 'utf8'));
  writeFileSync(topicsFile, JSON.stringify({ ...others, [topic]: declaration }, null, 2));
  const mainVersion = readdirSync(join(schemasDir, subject)).filter((f) => /^v\d+\.avsc$/.test(f)).length;
  extraVersions.forEach((file, i) => {
    copyFileSync(file, join(schemasDir, subject, `v${mainVersion + i + 1}.avsc`));
  });
  await promisify(execFile)(
    join(repoRoot, 'node_modules/.bin/events-generate'),
    ['--schemas', schemasDir, '--out', generatedDir],
    { cwd: repoRoot },
  );
  return { schemasDir, generatedDir, topic, subject, version: mainVersion + extraVersions.length };
}
