import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A KRaft cluster id: 16 random bytes, base64url, as `kafka-storage random-uuid` prints (without a JVM start). */
export const newClusterId = (): string => randomBytes(16).toString('base64url');

/**
 * Formats a node's KRaft storage (`kafka-storage format`) from the jars in `libDir`. The `=` form of the options:
 * a base64url id may start with '-', which the tool would read as an option (a CI run died on one).
 */
export function formatKafkaStorage(options: {
  java: string;
  libDir: string;
  log4jFile: string;
  configFile: string;
  clusterId: string;
}): void {
  execFileSync(
    options.java,
    [
      '-cp',
      `${options.libDir}/*`,
      `-Dlog4j2.configurationFile=${options.log4jFile}`,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${options.clusterId}`,
      `--config=${options.configFile}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
