import avsc from 'avsc';
import { avroOptions } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import type { SchemaReference } from '../topic-descriptor.ts';
import type { RegistryHttp } from './registry-http.ts';

/** What the registry answers for a schema, by id or by subject and version. */
interface SchemaAnswer {
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

/**
 * The writer schema of an id as an avsc Type, its references resolved the way Confluent's serializers do:
 * depth first, each type name defined once, by the first reference that names it. A schema whose references pin
 * two versions of one shared type (union members pinning different versions) reads with the first pin, as Java
 * does; @kafkajs/confluent-schema-registry defines both and fails with `duplicate type name`.
 */
export async function fetchWriterType(http: RegistryHttp, id: number): Promise<avsc.Type> {
  try {
    return await writerType(http, id);
  } catch (error) {
    if (
      !(error instanceof ContractError) ||
      error.code === 'UNDECODABLE' ||
      error.code === 'UNKNOWN_SCHEMA_ID'
    )
      throw error;
    throw new ContractError(error.code, `could not fetch schema id ${id}: ${error.message}`, {
      cause: error,
    });
  }
}

async function writerType(http: RegistryHttp, id: number): Promise<avsc.Type> {
  const answer = await get(http, `/schemas/ids/${id}`, () => unknownId(id));
  if ((answer.schemaType ?? 'AVRO') !== 'AVRO') throw unusable(id, `it is a ${answer.schemaType} schema`);
  const referenced: string[] = [];
  const defined = new Set<string>();
  const resolve = async (references: readonly SchemaReference[] = []): Promise<void> => {
    for (const { name, subject, version } of references) {
      if (defined.has(name)) continue;
      defined.add(name);
      const path = `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
      const target = await get(http, path, () =>
        unusable(id, `its reference ${name} (${subject} v${version}) is not in the registry`),
      );
      await resolve(target.references);
      referenced.push(target.schema);
    }
  };
  await resolve(answer.references);
  try {
    const registry: Record<string, avsc.Type> = {};
    for (const schema of referenced) avsc.Type.forSchema(JSON.parse(schema), { ...avroOptions, registry });
    return avsc.Type.forSchema(JSON.parse(answer.schema), { ...avroOptions, registry });
  } catch (error) {
    throw unusable(id, (error as Error).message, error);
  }
}

async function get(http: RegistryHttp, path: string, missing: () => ContractError): Promise<SchemaAnswer> {
  const { status, data } = await http.call('GET', path);
  if (status === 404) throw missing();
  if (status !== 200) throw http.rejected('GET', path, status, data);
  return data as SchemaAnswer;
}

function unknownId(id: number): ContractError {
  return new ContractError('UNKNOWN_SCHEMA_ID', `schema id ${id} is unknown to the registry`);
}

function unusable(id: number, reason: string, cause?: unknown): ContractError {
  return new ContractError('UNDECODABLE', `schema id ${id} is not a usable Avro schema: ${reason}`, {
    cause,
  });
}
