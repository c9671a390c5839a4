import { cleanUpLater } from './cleanup.ts';
import { TcpProxy } from './tcp-proxy.ts';

/** A started TcpProxy on a free port in front of `target`, closed when the calling test (or file) ends. */
export async function scratchTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const proxy = new TcpProxy(0, target);
  await proxy.start();
  cleanUpLater(() => proxy.close());
  return proxy;
}
