export type PartName =
  | 'kafka'
  | `kafka-${number}`
  | 'registry'
  | 'cluster-registry'
  | 'postgres'
  | 'zipkin'
  | 'chromium';

export interface Part {
  name: PartName;
  address: string;
  /**
   * False for parts that are no process of ours (the machine's PostgreSQL, a browser on disk): we check or
   * provision them but never start or stop them.
   */
  managed: boolean;
  /** A real request: Kafka metadata, registry GET /subjects, SQL `select 1`. */
  probe(): Promise<boolean>;
  /** Brings the part up (downloading and configuring on first run) and waits until its probe answers. */
  up(): Promise<void>;
}

/** A part that could not be brought up; the message starts with the part's name. */
export class PartError extends Error {
  override name = 'PartError';

  constructor(part: PartName, message: string, options?: ErrorOptions) {
    super(`${part}: ${message}`, options);
  }
}
