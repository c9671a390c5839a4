import { z } from 'zod';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { MANIFEST_FORMAT } from '../contract-surface/contract-manifest.ts';
import { DEPLOYMENT_RECORD_FORMAT, type DeploymentRecord } from '../contract-surface/deployment-record.ts';

const schemaSurface = z.object({
  subject: z.string().min(1),
  version: z.int().positive(),
  schemaId: z.int().nonnegative().nullable(),
  schema: z.unknown().describe('The Avro schema, self-contained (referenced types inlined).'),
});

const key = z.discriminatedUnion('encoding', [
  z.object({ encoding: z.literal('string') }),
  z.object({ encoding: z.literal('avro'), schema: schemaSurface }),
]);

const topic = {
  topic: z.string().min(1),
  strategy: z.enum(['TopicNameStrategy', 'TopicRecordNameStrategy']),
  multiEvent: z.boolean(),
  key,
};

/** The manifest format (MANIFEST_FORMAT); the JSON Schema shipped in json-schema/ is generated from it. */
export const contractManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    service: z.object({
      name: z.string().min(1),
      version: z.string().min(1),
      commit: z.string().min(1).nullable(),
    }),
    produces: z.array(
      z.object({
        ...topic,
        writers: z
          .record(z.string(), schemaSurface)
          .describe('Each event type the service can write, by full name, with its writer schema.'),
      }),
    ),
    consumes: z.array(
      z.object({
        ...topic,
        events: z
          .record(z.string(), z.object({ handling: z.enum(['handled', 'ignored']), reader: schemaSurface }))
          .describe(
            'Each event type the service knows, by full name: handled or ignored, and its reader schema.',
          ),
        unknownEventTypes: z.enum(['dead-letter', 'skip']),
      }),
    ),
  })
  .meta({
    title: 'Contract manifest',
    description:
      'What one service writes and reads, derived from its code (@events/toolkit describeContractSurface).',
  });

export const deploymentRecordSchema = z.object({
  format: z.literal(DEPLOYMENT_RECORD_FORMAT),
  manifest: contractManifestSchema,
  instance: z.object({
    id: z.string().min(1),
    host: z.string(),
    pid: z.int(),
    startedAt: z.iso.datetime(),
  }),
  lastSeen: z.iso.datetime(),
});

// The runtime types and these schemas describe one format: a drift fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type FormatsAgree = [
  Assert<Same<z.infer<typeof contractManifestSchema>, ContractManifest>>,
  Assert<Same<z.infer<typeof deploymentRecordSchema>, DeploymentRecord>>,
];
