import type { PoolClient } from '@events/service-platform/postgres';
import { describe, expect, it } from 'vitest';
import { beginAndClaimPending, markPublishedAndCommit } from './outbox-repository.ts';

/** A client that records the SQL it is sent and answers each statement with no rows. */
function recordingClient() {
  const sent: string[] = [];
  const client = {
    query: async (text: string) => {
      sent.push(text);
      return [{ rows: [] }, { rows: [] }, { rows: [] }];
    },
  } as unknown as PoolClient;
  return { client, sent };
}

describe('the claim and mark statements (simple protocol, formatted values)', () => {
  it.each([0, -1, 1.5, Number.NaN, 2 ** 60])(
    'refuses the claim limit %s before sending anything',
    async (limit) => {
      const { client, sent } = recordingClient();
      await expect(beginAndClaimPending(client, limit)).rejects.toThrow(RangeError);
      expect(sent).toEqual([]);
    },
  );

  it('opens the transaction and claims with SKIP LOCKED in one text', async () => {
    const { client, sent } = recordingClient();
    await beginAndClaimPending(client, 25);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(
      /^BEGIN; SET LOCAL enable_bitmapscan = off; SELECT .* LIMIT 25 FOR UPDATE SKIP LOCKED$/s,
    );
  });

  it('passes the ids as one escaped array literal and commits in the same text', async () => {
    const { client, sent } = recordingClient();
    await markPublishedAndCommit(client, ["a'b", 'c']);
    expect(sent[0]).toContain(`ANY('{a''b,c}'::uuid[]); COMMIT`);
  });
});
