import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@events/stack/paths';
import { serviceLaunch } from '@events/stack/service-launch';
import { NodeProcess } from '@events/test-kit/node-process';

export interface ServiceSpec {
  name: string;
  /** Built entry point, relative to the repository root. */
  entry: string;
  /** node's own flags, before the entry point; `--enable-source-maps` alone when not given. */
  nodeFlags?: readonly string[];
  port: number;
  env: Record<string, string>;
  logFile: string;
}

/** Harnesses run the built services: fail early, saying what to do, when a build is missing. */
export function assertServicesBuilt(): void {
  for (const { entry } of Object.values(serviceLaunch)) {
    if (!existsSync(join(repoRoot, entry)))
      throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
}

/** Where a harness's services find the stack, and what they work on. */
export interface ServiceWiring {
  brokers: string[];
  registryUrl: string;
  databaseUrl: string;
  topic: string;
  logLevel?: string;
}

/**
 * user-service's environment: the one place harnesses name its variables. `outboxMaxBackoffMs` keeps the
 * relay's retries short enough that a fault test sees it recover within the run.
 */
export function userServiceSpec(
  wiring: ServiceWiring,
  {
    name = 'user-service',
    port,
    logFile,
    outboxMaxBackoffMs,
  }: InstanceSpec & { outboxMaxBackoffMs?: number },
): ServiceSpec {
  return {
    name,
    ...serviceLaunch.users,
    port,
    logFile,
    env: {
      ...commonEnv(wiring),
      USER_REGISTER_TOPIC: wiring.topic,
      ...(outboxMaxBackoffMs === undefined ? {} : { OUTBOX_MAX_BACKOFF_MS: String(outboxMaxBackoffMs) }),
    },
  };
}

/** profile-service's environment: the one place harnesses name its variables. */
export function profileServiceSpec(
  wiring: ServiceWiring & { dlqTopic: string; group: string },
  {
    name = 'profile-service',
    port,
    logFile,
    clientId,
    retryMaxMs,
    sessionTimeoutMs,
  }: InstanceSpec & { clientId?: string; retryMaxMs?: number; sessionTimeoutMs?: number },
): ServiceSpec {
  return {
    name,
    ...serviceLaunch.profiles,
    port,
    logFile,
    env: {
      ...commonEnv(wiring),
      SOURCE_TOPIC: wiring.topic,
      DLQ_TOPIC: wiring.dlqTopic,
      CONSUMER_GROUP: wiring.group,
      ...(clientId === undefined ? {} : { KAFKA_CLIENT_ID: clientId }),
      ...(retryMaxMs === undefined ? {} : { RETRY_MAX_MS: String(retryMaxMs) }),
      ...(sessionTimeoutMs === undefined ? {} : { KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs) }),
    },
  };
}

/** Variables both services read under the same names. */
function commonEnv(wiring: ServiceWiring): Record<string, string> {
  return {
    KAFKA_BROKERS: wiring.brokers.join(','),
    SCHEMA_REGISTRY_URL: wiring.registryUrl,
    DATABASE_URL: wiring.databaseUrl,
    LOG_LEVEL: wiring.logLevel ?? 'info',
  };
}

interface InstanceSpec {
  name?: string;
  port: number;
  logFile: string;
}

/**
 * One of our built services as a child process (test-kit's NodeProcess) on its spec's port, its output in its
 * log file. Exits we did not cause (anything but our own kill or stop) are recorded as crashes, which fail
 * the run.
 */
export class ServiceProcess {
  readonly spec: ServiceSpec;
  private readonly process: NodeProcess;

  constructor(spec: ServiceSpec) {
    this.spec = spec;
    mkdirSync(dirname(spec.logFile), { recursive: true });
    this.process = new NodeProcess({
      name: spec.name,
      entry: join(repoRoot, spec.entry),
      cwd: repoRoot,
      ...(spec.nodeFlags === undefined ? {} : { nodeFlags: spec.nodeFlags }),
      env: { ...spec.env, PORT: String(spec.port) },
      logFile: spec.logFile,
    });
  }

  get crashes(): readonly string[] {
    return this.process.crashes;
  }

  /** The running process's id (the bench samples its memory); undefined before start. */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** How the process ended: its exit code, or the signal that killed it; undefined while it runs. */
  get exitStatus(): number | NodeJS.Signals | undefined {
    return this.process.exitStatus;
  }

  /** True from start() until the process exits. */
  get running(): boolean {
    return this.process.running;
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  async start(): Promise<void> {
    if (await this.answers()) {
      throw new Error(`port ${this.spec.port} already answers: another ${this.spec.name} is running there`);
    }
    this.process.start();
    await this.waitFor('/healthz');
  }

  /** SIGKILL: the process gets no chance to commit, flush or leave its group. */
  kill(): Promise<void> {
    return this.process.kill();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  /** Whether the service answers `path` with a 2xx right now. */
  answers(path: '/healthz' | '/readyz' = '/healthz'): Promise<boolean> {
    // A wedged service must read as "not answering", not hang the harness.
    return fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.arrayBuffer().then(() => response.ok),
      () => false,
    );
  }

  /**
   * Polls `path` until it answers, failing at once if the process exits: /healthz answers once the process
   * listens, /readyz once it can take work (its consumer has joined the group).
   */
  async waitFor(path: '/healthz' | '/readyz'): Promise<void> {
    await this.process.waitUntil(`${path} to answer`, () => this.answers(path));
  }
}
