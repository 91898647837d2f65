/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof) by self time per function and per package:
 *   node dist/bench/profile-summary.js bench/results/<file>.cpuprofile
 * (open the same file in Chrome DevTools or speedscope for the flame graph).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const url = n.callFrame.url;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const where = m ? m[1] : url.includes('/dist/') ? 'app: ' + url.replace(/.*\/dist\//, '') : url.startsWith('node:') ? url : n.callFrame.functionName || '(native)';
  pkg.set(where.startsWith('app: ') ? 'app' : where, (pkg.get(where.startsWith('app: ') ? 'app' : where) ?? 0) + t);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')}:${n.callFrame.lineNumber}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
}
const show = (title: string, m: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) process.stdout.write(`${((t / total) * 100).toFixed(1).padStart(5)} %  ${k}\n`);
};
show('Self time by package', pkg, 25);
show('Self time by function', fn, 40);
