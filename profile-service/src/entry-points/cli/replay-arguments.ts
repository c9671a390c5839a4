import { parseArgs } from 'node:util';
import { type ReplaySelection, ReplayUsageError } from '../../domain/plan-replay.ts';
import { DLQ_HEADERS, REPLAYED_FROM_HEADER } from '../../messaging/dead-letter-headers.ts';

export { ReplayUsageError };

export const REPLAY_USAGE = `Usage: npm run dlq:replay -- (--all | --offset N | --from N [--to N] | --to N) [options]

Re-publishes dead-lettered messages (raw value, original key and headers) to the topic named in
their ${DLQ_HEADERS.originalTopic} header, adding a ${REPLAYED_FROM_HEADER} header.

  --all              every message currently in the DLQ topic
  --offset N         the single message at DLQ offset N (needs --partition if the DLQ has several)
  --from N, --to N   DLQ offsets N..M inclusive (either bound may be left out)
  --partition P      only DLQ partition P (default: all partitions)
  --topic T          DLQ topic (default: DLQ_TOPIC or <SOURCE_TOPIC>.dlq)
  --dry-run          list what would be replayed, publish nothing
  --help             this text`;

function offsetOption(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new ReplayUsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return BigInt(value);
}

/** Parses CLI arguments; undefined means "print help". Throws ReplayUsageError on bad input. */
export function parseReplayArgs(args: readonly string[]): ReplaySelection | undefined {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new ReplayUsageError((error as Error).message);
  }
  if (values.help) return undefined;
  const offset = offsetOption('offset', values.offset);
  const from = offsetOption('from', values.from);
  const to = offsetOption('to', values.to);
  const partition = offsetOption('partition', values.partition);
  const modes = [values.all === true, offset !== undefined, from !== undefined || to !== undefined];
  if (modes.filter(Boolean).length !== 1) {
    throw new ReplayUsageError('choose exactly one of --all, --offset, or --from/--to');
  }
  if (from !== undefined && to !== undefined && from > to) throw new ReplayUsageError('--from is after --to');
  const range: ReplaySelection['range'] = values.all
    ? { kind: 'all' }
    : offset !== undefined
      ? { kind: 'offset', offset }
      : { kind: 'range', ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  return {
    range,
    dryRun: values['dry-run'] === true,
    ...(partition === undefined ? {} : { partition: Number(partition) }),
    ...(values.topic === undefined ? {} : { topic: values.topic }),
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      all: { type: 'boolean' },
      offset: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      partition: { type: 'string' },
      topic: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
