import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../src/core/project-root.ts";

/**
 * The node arguments `npm start` runs the service with (read from package.json, so there is one place
 * to change them), after building dist/main.mjs: how the process tests and the benchmarks start the
 * real service. Spawn `process.execPath` with these, plus `--role …` when needed.
 */
export function serviceCommand(): string[] {
  execFileSync(process.execPath, ["scripts/build.mjs", "--quiet"], { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/main\.mjs\b/.exec(pkg.scripts.start);
  if (!m) throw new Error(`package.json's start script does not run dist/main.mjs: ${pkg.scripts.start}`);
  return [...m[1]!.trim().split(/\s+/).filter(Boolean), "dist/main.mjs"];
}
