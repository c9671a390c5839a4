import { describe, expect, it } from 'vitest';
import { continueTrace, formatTraceparent, parseTraceparent } from './trace-context.ts';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context', () => {
  it('parses a valid version-00 traceparent', () => {
    expect(parseTraceparent(valid)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it.each([
    ['garbage', 'not-a-traceparent'],
    ['upper-case hex', valid.toUpperCase()],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['the forbidden version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['extra fields on version 00', `${valid}-extra`],
  ])('rejects %s', (_name, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('continues an incoming trace with a new span and the same flags', () => {
    const child = continueTrace(valid);
    expect(child.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe('00f067aa0ba902b7');
    expect(child.flags).toBe('01');
  });

  it('starts a new sampled trace when the header is missing or invalid', () => {
    const a = continueTrace(undefined);
    const b = continueTrace('nonsense');
    expect(formatTraceparent(a)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(parseTraceparent(formatTraceparent(a))).toEqual(a);
    expect(a.traceId).not.toBe(b.traceId);
  });

  it('never repeats an id across refills of its random pool', () => {
    const ids = Array.from({ length: 1_000 }, () => continueTrace(undefined));
    expect(new Set(ids.map((id) => id.traceId)).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.spanId)).size).toBe(ids.length);
    for (const { traceId, spanId } of ids) {
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});
