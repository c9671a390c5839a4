import { join } from 'node:path';
import {
  profileServiceSpec,
  ServiceProcess,
  type ServiceWiring,
  userServiceSpec,
} from '@events/harness/service-process';
import { logsDir } from '@events/stack/paths';

export interface FleetConfig {
  users: ServiceWiring;
  profiles: ServiceWiring & { dlqTopic: string; group: string };
  /** Brokers as reached through the harness's silenceable proxies. */
  proxiedBrokers: string[];
  /** Which instance of each service (1-based, in start order) talks to Kafka through the proxies. */
  proxied: { user: number; profile: number };
  /** First HTTP port; user-service instances take the first ten, profile-service ones the next ten. */
  basePort: number;
}

/**
 * Several instances of both services on one topic, database pair and consumer group, started and stopped
 * one by one. Each instance is numbered in start order and names itself in its Kafka client id, so a
 * group's assignment says which instance owns what.
 */
export class Fleet {
  readonly users: ServiceProcess[] = [];
  readonly profiles: ServiceProcess[] = [];

  private readonly config: FleetConfig;

  constructor(config: FleetConfig) {
    this.config = config;
  }

  async addUser(): Promise<ServiceProcess> {
    const n = this.users.length + 1;
    const proxied = n === this.config.proxied.user;
    const service = new ServiceProcess(
      userServiceSpec(
        { ...this.config.users, ...(proxied ? { brokers: this.config.proxiedBrokers } : {}) },
        {
          ...this.instance('user-service', n, proxied, this.config.basePort + n - 1),
          outboxMaxBackoffMs: 2000,
        },
      ),
    );
    this.users.push(service);
    await service.start();
    return service;
  }

  async addProfile(): Promise<ServiceProcess> {
    const n = this.profiles.length + 1;
    const proxied = n === this.config.proxied.profile;
    const service = new ServiceProcess(
      profileServiceSpec(
        { ...this.config.profiles, ...(proxied ? { brokers: this.config.proxiedBrokers } : {}) },
        {
          ...this.instance('profile-service', n, proxied, this.config.basePort + 10 + n - 1),
          clientId: `profile-service-${n}`,
          retryMaxMs: 2000,
          // A SIGKILLed member keeps its partitions until its session expires; 10 s keeps the run short.
          sessionTimeoutMs: 10_000,
        },
      ),
    );
    this.profiles.push(service);
    await service.start();
    return service;
  }

  get userUrls(): string[] {
    return this.users.map((service) => service.url);
  }

  get crashes(): string[] {
    return [...this.users, ...this.profiles].flatMap((service) => service.crashes);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.users, ...this.profiles].map((service) => service.stop()));
  }

  private instance(service: string, n: number, proxied: boolean, port: number) {
    const name = `${service}-${n}${proxied ? ' (via proxy)' : ''}`;
    return { name, port, logFile: join(logsDir, `e2e-cluster-${service}-${n}.log`) };
  }
}
