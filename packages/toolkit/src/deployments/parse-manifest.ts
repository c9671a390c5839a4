import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { contractManifestSchema } from './manifest-schema.ts';

/** A manifest that is not JSON or not in the format: `problems` says where, one line each. */
export class ManifestError extends Error {
  readonly source: string;
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`${source} is not a contract manifest:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ManifestError';
    this.source = source;
    this.problems = problems;
  }
}

/** Validates a manifest from outside (a file, a deployment record, a service's output). */
export function parseManifest(json: unknown, source: string): ContractManifest {
  const parsed = contractManifestSchema.safeParse(json);
  if (!parsed.success) throw new ManifestError(source, describeIssues(parsed.error));
  return parsed.data;
}

export function parseManifestText(text: string, source: string): ContractManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(source, [`not JSON: ${(error as Error).message}`]);
  }
  return parseManifest(json, source);
}

export async function readManifestFile(file: string): Promise<ContractManifest> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ManifestError(file, [`cannot read it: ${error.code ?? error.message}`]);
  });
  return parseManifestText(text, file);
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
