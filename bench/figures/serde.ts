import { deepStrictEqual } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { UserRegister } from '@events/contracts';
import { registration } from '@events/harness/registrations';
import type { RunContext } from '@events/harness/run-context';
import type { BenchOptions } from '../bench-options.ts';
import { type Figure, ratioOf } from '../figure.ts';
import { median } from '../stats.ts';
import {
  type Codec,
  confluentincCodec,
  confluentRegistryCodec,
  contractsCodec,
  jsonCodec,
  rawAvscCodec,
} from './serde-codecs.ts';

const TARGET_RATIO = 0.9;

function sampleEvents(runId: string, count: number): UserRegister[] {
  return Array.from({ length: count }, (_, i) => {
    const body = registration(runId, i);
    return { userId: randomUUID(), ...body, registeredAt: new Date(Date.UTC(2025, 0, 1) + i) };
  });
}

/** Round trips per second for `ms` milliseconds; each call is awaited only when the codec is asynchronous. */
async function opsPerSecond(codec: Codec, events: readonly UserRegister[], ms: number): Promise<number> {
  const started = performance.now();
  let ops = 0;
  let now = started;
  while (now - started < ms) {
    for (let i = 0; i < 256; i += 1) {
      const result = codec.roundTrip(events[(ops + i) % events.length] as UserRegister);
      if (result instanceof Promise) await result;
    }
    ops += 256;
    now = performance.now();
  }
  return (ops * 1000) / (now - started);
}

/**
 * Encode + decode of one `user_register` event, in process, with several interleaved rounds per codec
 * (so drift on a noisy machine hits every codec alike); the median round counts.
 */
export async function serdeFigure(ctx: RunContext, options: BenchOptions['serde']): Promise<Figure> {
  const events = sampleEvents(ctx.runId, 1024);
  const codecs = [
    await contractsCodec(ctx.registryUrl),
    rawAvscCodec(),
    await confluentRegistryCodec(ctx.registryUrl),
    confluentincCodec(ctx.registryUrl),
    jsonCodec(),
  ];
  for (const codec of codecs) {
    // A codec that does not round-trip would make its number meaningless.
    deepStrictEqual(
      { ...(await codec.roundTrip(events[3] as UserRegister)) },
      events[3],
      `${codec.name} changed the event`,
    );
    for (let i = 0; i < options.warmupOps; i += 1)
      await codec.roundTrip(events[i % events.length] as UserRegister);
  }
  const rounds = codecs.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [i, codec] of codecs.entries())
      rounds[i]?.push(await opsPerSecond(codec, events, options.roundMs));
    ctx.log(`serde round ${round + 1}/${options.rounds}`);
  }
  const [ours, raw, confluent, confluentinc, json] = rounds.map(median) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    id: 'serde',
    title: 'Serde: typed encode+decode',
    unit: 'ops/s',
    ours,
    baseline: raw,
    ratio: ratioOf(ours, raw),
    target: `≥ ${TARGET_RATIO}× raw avsc`,
    met: ours >= TARGET_RATIO * raw,
    details: {
      measured: `median of ${options.rounds} interleaved rounds of ${options.roundMs} ms, one encode + decode per op, ${events.length} distinct events`,
      baseline:
        'avsc Type of the same schema with the textbook timestamp-millis logical type (no uuid check), toBuffer + fromBuffer',
      'confluent-schema-registry encode/decode ops/s': confluent,
      'confluent-schema-registry ratio to raw avsc': ratioOf(confluent, raw),
      '@confluentinc/schemaregistry 1.10.1 AvroSerializer/AvroDeserializer ops/s': confluentinc,
      '@confluentinc/schemaregistry ratio to raw avsc': ratioOf(confluentinc, raw),
      'JSON.stringify+parse ops/s': json,
      'JSON ratio to raw avsc': ratioOf(json, raw),
    },
  };
}
