import {readdirSync, readFileSync} from "node:fs";

/**
 * Samples the resident memory of a process and all its descendants (data loaders run as grandchildren
 * of a site build) every `intervalMs`, from /proc; `stop()` returns the peak of the sum in bytes.
 * Linux only: elsewhere the peak is reported as 0.
 */
export function watchTreeRss(pid: number, intervalMs = 100): {stop(): number} {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, treeRss(pid));
    } catch {
      // the process may exit between listing and reading /proc
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    }
  };
}

function treeRss(root: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      parents.set(Number(name), Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    for (const [child, parent] of parents) if (parent === pid) stack.push(child);
  }
  return total;
}
