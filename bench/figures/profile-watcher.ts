import pg from 'pg';

const CHANNEL = 'bench_profile_visible';

// Delivered when the writing transaction commits: the moment GET /profiles/:id can read the row.
const INSTALL_TRIGGER = `
  CREATE OR REPLACE FUNCTION bench_notify_profile() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${CHANNEL}', NEW.user_id::text);
    RETURN NULL;
  END $$;
  CREATE OR REPLACE TRIGGER bench_notify_profile AFTER INSERT OR UPDATE ON profiles
    FOR EACH ROW EXECUTE FUNCTION bench_notify_profile();`;

const REMOVE_TRIGGER = 'DROP TRIGGER IF EXISTS bench_notify_profile ON profiles';

export type ProfileWatcher = Awaited<ReturnType<typeof watchProfiles>>;

/**
 * Notes the moment each awaited profile becomes visible in a consumer's database (profile-service's or a peer's):
 * a trigger on `profiles` NOTIFYs every written user id. Polling would add its interval and a query to every
 * measured latency; a notification arrives a fraction of a millisecond after the commit.
 */
export async function watchProfiles(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const waiting = new Map<string, (seenAt: number) => void>();
  // A profile can be committed before its 201 reaches the load generator, so before anyone waits for it.
  const seenEarly = new Map<string, number>();
  client.on('notification', ({ payload }) => {
    const seenAt = performance.now();
    if (payload === undefined) return;
    const resolve = waiting.get(payload);
    if (resolve === undefined) {
      seenEarly.set(payload, seenAt);
      return;
    }
    waiting.delete(payload);
    resolve(seenAt);
  });
  await client.connect();
  try {
    await client.query(INSTALL_TRIGGER);
    await client.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    await client.end();
    throw error;
  }

  return {
    /** Resolves with performance.now() when the profile's transaction committed (as told to this process). */
    seen(userId: string): Promise<number> {
      const early = seenEarly.get(userId);
      if (early !== undefined) {
        seenEarly.delete(userId);
        return Promise.resolve(early);
      }
      return new Promise((resolve) => waiting.set(userId, resolve));
    },
    get missing(): number {
      return waiting.size;
    },
    async close(): Promise<void> {
      await client.query(REMOVE_TRIGGER).finally(() => client.end());
    },
  };
}
