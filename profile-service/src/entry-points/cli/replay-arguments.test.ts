import { describe, expect, it } from 'vitest';
import { parseReplayArgs, ReplayUsageError } from './replay-arguments.ts';

describe('parseReplayArgs', () => {
  it('reads a single offset on one partition', () => {
    expect(parseReplayArgs(['--offset', '42', '--partition', '1'])).toEqual({
      range: { kind: 'offset', offset: 42n },
      partition: 1,
      dryRun: false,
    });
  });

  it('reads an open-ended range, a topic override and a dry run', () => {
    expect(parseReplayArgs(['--from', '10', '--topic', 'x.dlq', '--dry-run'])).toEqual({
      range: { kind: 'range', from: 10n },
      topic: 'x.dlq',
      dryRun: true,
    });
  });

  it('reads --all', () => {
    expect(parseReplayArgs(['--all'])).toEqual({ range: { kind: 'all' }, dryRun: false });
  });

  it('returns undefined for --help', () => {
    expect(parseReplayArgs(['--help'])).toBeUndefined();
  });

  it.each([
    [[], /exactly one/],
    [['--all', '--offset', '1'], /exactly one/],
    [['--from', '5', '--to', '2'], /--from is after --to/],
    [['--offset=-1'], /non-negative integer/],
    [['--offset', 'abc'], /non-negative integer/],
    [['--everything'], /Unknown option/],
  ])('rejects %j', (args, message) => {
    expect(() => parseReplayArgs(args)).toThrow(ReplayUsageError);
    expect(() => parseReplayArgs(args)).toThrow(message);
  });
});
