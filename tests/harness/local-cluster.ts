import { threeBrokers } from '@events/stack/parts/kafka';
import { stackPart as stack } from '@events/test-kit/stack-control';

/**
 * Starts the local three-broker cluster's nodes unless they all answer already. The returned release stops
 * them only if they were started here, so a cluster someone started by hand keeps running.
 */
export async function acquireCluster(log: (message: string) => void): Promise<() => Promise<void>> {
  const nodes = threeBrokers.nodes.map((node) => node.name);
  if ((await Promise.all(threeBrokers.nodes.map((node) => node.probe()))).every(Boolean))
    return async () => undefined;
  const started = Date.now();
  log(`starting the three-broker cluster (${threeBrokers.bootstrap.join(', ')})`);
  await stack('up', ...nodes);
  log(`cluster up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return async () => {
    log('stopping the three-broker cluster');
    await stack('down', ...nodes);
  };
}
