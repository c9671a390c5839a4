import {
  createTopics,
  deleteTopics,
  dropDatabase,
  type RunContext,
  recreateDatabase,
} from '@events/harness/run-context';
import type { ServiceProcess } from '@events/harness/service-process';
import {
  benchDatabase,
  dualWritePeer,
  jsonConsumerPeer,
  ports,
  profileService,
  stopAll,
  userService,
} from '../bench-services.ts';
import { type ProfileWatcher, watchProfiles } from './profile-watcher.ts';

/** A registration pipeline running end to end: POST /users at `baseUrl`, profiles appear in `profileDbUrl`. */
export interface Pipeline {
  baseUrl: string;
  userDbUrl: string;
  profileDbUrl: string;
  topic: string;
  /** The HTTP side and the consuming side, for figures that watch or signal the processes. */
  producerSide: ServiceProcess;
  consumerSide: ServiceProcess;
  /** Tells when each profile becomes visible in `profileDbUrl`. */
  watcher: ProfileWatcher;
  /** Stops the watcher and both processes, drops the databases, deletes the topics; even after a failure. */
  close(): Promise<void>;
}

type Kind = 'ours' | 'dual-write';

/**
 * Starts one pipeline on fresh databases and topics named after `tag`: ours (user-service → Avro through the
 * outbox → profile-service) or the dual-write peer (INSERT + JSON send in the request → JSON consumer).
 * `beforeStart` runs once the databases exist, before any process (a figure pre-fills tables there);
 * `userServiceEnv` is added to user-service's environment (ours only).
 */
export async function startPipeline(
  ctx: RunContext,
  kind: Kind,
  tag: string,
  options: {
    beforeStart?: (userDbUrl: string) => Promise<void>;
    userServiceEnv?: Record<string, string>;
  } = {},
): Promise<Pipeline> {
  const topic = `bench.user_register.${ctx.runId}.${tag}`;
  const topics = [topic, `${topic}.dlq`];
  const databases =
    kind === 'ours'
      ? [benchDatabase(ctx, 'user_service'), benchDatabase(ctx, 'profile_service')]
      : [benchDatabase(ctx, 'dual_write'), benchDatabase(ctx, 'json_profiles')];
  await createTopics(ctx, topics);
  const [userDbUrl, profileDbUrl] = [
    await recreateDatabase(ctx, databases[0]!),
    await recreateDatabase(ctx, databases[1]!),
  ];
  const group = `bench-${ctx.runId}-${tag}`;
  const [producerSide, consumerSide] =
    kind === 'ours'
      ? [
          userService(ctx, { databaseUrl: userDbUrl, topic, env: options.userServiceEnv }),
          profileService(ctx, { databaseUrl: profileDbUrl, topic, group }),
        ]
      : [
          dualWritePeer(ctx, { databaseUrl: userDbUrl, topic }),
          jsonConsumerPeer(ctx, { databaseUrl: profileDbUrl, topic, group }),
        ];
  let watcher: ProfileWatcher | undefined;
  const close = async () => {
    await watcher?.close().catch(() => undefined);
    await stopAll([producerSide, consumerSide]);
    await Promise.all(databases.map((name) => dropDatabase(ctx, name))).catch(() => undefined);
    await deleteTopics(ctx, topics).catch(() => undefined);
  };
  try {
    await options.beforeStart?.(userDbUrl);
    await Promise.all([producerSide.start(), consumerSide.start()]);
    await Promise.all([producerSide.waitFor('/readyz'), consumerSide.waitFor('/readyz')]);
    watcher = await watchProfiles(profileDbUrl);
  } catch (error) {
    await close();
    throw error;
  }
  const port = kind === 'ours' ? ports.userService : ports.dualWrite;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    userDbUrl,
    profileDbUrl,
    topic,
    producerSide,
    consumerSide,
    watcher,
    close,
  };
}
