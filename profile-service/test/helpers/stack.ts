import { stackAddresses } from '@events/test-kit/stack-addresses';
import { testKafka } from '@events/test-kit/test-kafka';
import pg from 'pg';

const stack = stackAddresses;

/**
 * Fails (never skips) with a message saying what is missing and how to start it. Waits up to a minute
 * first: other suites stop and restart parts of the shared stack for their fault tests.
 */
export async function requireStack(): Promise<void> {
  const deadline = Date.now() + Number(process.env.STACK_WAIT_MS ?? 60_000);
  for (;;) {
    try {
      return await checkStack();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

async function checkStack(): Promise<void> {
  const hint = 'start the local stack with `npm run stack:up` (from the repository root)';
  const admin = testKafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${stack.brokers.join(',')}: ${hint}`, { cause: error });
  } finally {
    await admin.disconnect();
  }
  try {
    const response = await fetch(`${stack.registryUrl}/subjects`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(`the schema registry is not reachable at ${stack.registryUrl}: ${hint}`, {
      cause: error,
    });
  }
  const client = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${stack.adminDatabaseUrl}: ${hint}`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }
}

export async function adminQuery<R extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
