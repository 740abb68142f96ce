import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { log, round } from "./log.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function lives, coarsely: a package of node_modules, a folder of src/, node itself. */
function areaOf(url: string): string {
  if (!url) return "(native/idle/gc)";
  if (url.startsWith("node:")) return url;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1).split("/").slice(0, 3).join("/");
  return url;
}

/**
 * Reads the `--cpu-prof` files of a service run and prints to standard error where its CPU went:
 * self time by area (package or src folder) and the top functions. Diagnostics only.
 */
export function summariseProfiles(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const id = profile.samples[i]!;
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    const total = profile.endTime - profile.startTime;
    const byArea = new Map<string, number>();
    const byFn = new Map<string, number>();
    let idle = 0;
    for (const [id, us] of self) {
      const n = byId.get(id)!;
      const name = n.callFrame.functionName || "(anonymous)";
      if (name === "(idle)") {
        idle += us;
        continue;
      }
      const area = ["(garbage collector)", "(program)"].includes(name) ? name : areaOf(n.callFrame.url);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      const key = `${name} ${n.callFrame.url.replace(/^.*\/(node_modules|src)\//u, "$1/")}:${n.callFrame.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + us);
    }
    const busy = total - idle;
    const pct = (us: number) => `${round((100 * us) / total, 1)}%`;
    log(`profile ${file}: ${round(total / 1e6, 1)} s recorded, busy ${pct(busy)}, idle ${pct(idle)}`);
    for (const [area, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 18)) log(`  area ${pct(us).padStart(6)}  ${area}`);
    for (const [fn, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`  fn   ${pct(us).padStart(6)}  ${fn}`);
  }
}
