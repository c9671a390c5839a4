/** Where a scratch broker listens and keeps its data. */
export interface ScratchBroker {
  port: number;
  controllerPort: number;
  dataDir: string;
}

/**
 * The shared stack's single-node server.properties moved to other ports and another data directory, so the
 * scratch broker is configured exactly like the one the services normally use. Fails if the file does not
 * name the listeners or the data directory it has to move.
 */
export function scratchBrokerProperties(stackProperties: string, broker: ScratchBroker): string {
  const moved = new Set<string>();
  const lines = stackProperties.split('\n').map((line) => {
    const [key] = line.split('=', 1);
    switch (key) {
      case 'listeners':
        moved.add(key);
        return `listeners=PLAINTEXT://127.0.0.1:${broker.port},CONTROLLER://127.0.0.1:${broker.controllerPort}`;
      case 'advertised.listeners':
        moved.add(key);
        return `advertised.listeners=PLAINTEXT://127.0.0.1:${broker.port}`;
      case 'controller.quorum.voters':
        moved.add(key);
        return `controller.quorum.voters=1@127.0.0.1:${broker.controllerPort}`;
      case 'log.dirs':
        moved.add(key);
        return `log.dirs=${broker.dataDir}`;
      default:
        return line;
    }
  });
  const missing = ['listeners', 'advertised.listeners', 'controller.quorum.voters', 'log.dirs'].filter(
    (key) => !moved.has(key),
  );
  if (missing.length > 0) throw new Error(`the stack's server.properties has no ${missing.join(', ')}`);
  return lines.join('\n');
}
