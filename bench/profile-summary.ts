import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from '@events/stack/paths';

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileCosts {
  totalMs: number;
  /**
   * Self time per package (node_modules/<name>, our own code), highest first. Time in Node's internals and
   * native code (socket writes, crypto) is charged to the nearest caller outside them, which is who asked for it.
   */
  byPackage: Array<[string, number]>;
  /** Self time per function, highest first. */
  byFunction: Array<[string, number]>;
  /** The process's entry point (a service's dist/main.js, a bench peer or ceiling), when the profile shows it. */
  entry: string | undefined;
}

const ENTRY = /^(?:[^/]+\/dist\/main\.js|scripts\/bench\/(?:peers|ceiling)\/[^/]+\.ts)$/;

const IDLE = new Set(['(idle)', '(program)']);
const INTERNAL = new Set(['node internals', '(root)']);

function packageOf(url: string, functionName: string, root: string): string {
  if (functionName.startsWith('(')) return functionName;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1] as string;
  if (url.startsWith('node:') || url === '') return 'node internals';
  const inRepo = url.startsWith(`file://${root}/`) ? url.slice(`file://${root}/`.length) : undefined;
  return inRepo ? `${inRepo.split('/')[0]} (ours)` : basename(url);
}

/** Self time of a V8 .cpuprofile, idle excluded, per package and per function; `root` is our checkout. */
export function profileCosts(profile: CpuProfile, root = repoRoot): ProfileCosts {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map(
    profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])),
  );
  const callerPackage = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = frames.get(at);
      const pkg = frame && packageOf(frame.url, frame.functionName, root);
      if (pkg && !INTERNAL.has(pkg)) return pkg;
    }
    return 'node internals';
  };
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame || IDLE.has(frame.functionName)) return;
    totalMs += ms;
    const pkg = callerPackage(id);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ''} [${pkg}]`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  const prefix = `file://${root}/`;
  const entry = profile.nodes
    .map(({ callFrame: { url } }) => (url.startsWith(prefix) ? url.slice(prefix.length) : ''))
    .find((path) => ENTRY.test(path));
  return { totalMs, byPackage: sorted(byPackage), byFunction: sorted(byFunction), entry };
}

/** A short text report of every .cpuprofile in `dir`: where busy time went, by package and by function. */
export function summarizeProfiles(dir: string, top = 10): string {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  if (files.length === 0) return `no .cpuprofile in ${dir} (did the services exit cleanly?)`;
  return files
    .map((name) => {
      const costs = profileCosts(JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile);
      const pct = (ms: number) => `${((100 * ms) / costs.totalMs).toFixed(1).padStart(5)} %`;
      return [
        `${costs.entry ?? 'unknown process'} (${join(dir, name)}): ${(costs.totalMs / 1000).toFixed(1)} s busy`,
        '  by package:',
        ...costs.byPackage.slice(0, top).map(([pkg, ms]) => `    ${pct(ms)}  ${pkg}`),
        '  by function (self time):',
        ...costs.byFunction.slice(0, top).map(([fn, ms]) => `    ${pct(ms)}  ${fn}`),
      ].join('\n');
    })
    .join('\n\n');
}
