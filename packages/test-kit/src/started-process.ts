import { cleanUpLater } from './cleanup.ts';
import { NodeProcess, type NodeProcessSpec } from './node-process.ts';

/**
 * A NodeProcess started for the calling test (or file), stopped when it ends (SIGTERM, then SIGKILL if it
 * lingers); wait for it to be ready with its `waitUntil`.
 */
export function startedProcess(spec: NodeProcessSpec): NodeProcess {
  const child = new NodeProcess(spec);
  child.start();
  cleanUpLater(() => child.stop());
  return child;
}
