// `npm run admin`: runs scripts/admin.ts from a bundle compiled by esbuild and kept in dist/admin/, rebuilt
// only when one of its source files changed (size or modification time differs from the build's).
// Why: through tsx, each command spent about a second of CPU on the TypeScript loader before doing
// anything (measured: 1.4 s of CPU for `failures` through tsx, 0.6 s from the bundle); operators run
// these commands one after another. Packages stay in node_modules (echarts aside, see BUNDLED), and each
// command's chunk is loaded only when it runs (code splitting keeps scripts/admin.ts's dynamic imports).
// Several runs at once are safe: a build goes to a folder of its own, then current.json is replaced atomically.
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { operatorSocketPath } from "../src/config/operator-socket-path.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const home = path.join(root, "dist", "admin");
const pointer = path.join(home, "current.json");
/** Bumped when the build options below change, so older bundles are not reused. */
const FORMAT = 6;
/**
 * Packages bundled rather than loaded from node_modules: echarts is 583 files (plus zrender's 111), and
 * Node resolving and reading them one by one took 0.4 s of each report. Every other package stays in
 * node_modules: bundled, they were slower to parse than to load (failures 0.55 → 0.68 s), and some read
 * files beside their code at run time (WebAssembly, Lua scripts).
 */
const BUNDLED = new Set(["echarts"]);
const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
const EXTERNAL = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((name) => !BUNDLED.has(name));
/** Builds replaced this long ago are deleted (a command still running from one has long loaded its chunks). */
const KEEP_OLD_MS = 10 * 60_000;

async function fresh() {
  const current = await readFile(pointer, "utf8").then(JSON.parse, () => null);
  if (!current || current.format !== FORMAT || !existsSync(path.join(home, current.dir, "admin.mjs"))) return null;
  for (const [file, [mtimeMs, size]] of Object.entries(current.inputs)) {
    const s = await stat(path.join(root, file)).catch(() => null);
    if (!s || s.mtimeMs !== mtimeMs || s.size !== size) return null;
  }
  return path.join(home, current.dir);
}

async function rebuild() {
  const { build } = await import("esbuild");
  const dir = `${Date.now()}-${process.pid}`;
  const outdir = path.join(home, dir);
  // Inputs are stamped before building: a file edited during the build makes the next run build again.
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["scripts/admin.ts"],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: 'import { createRequire as __adminRequire } from "node:module"; const require = __adminRequire(import.meta.url);' },
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "error",
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const s = await stat(path.join(root, file));
    inputs[file] = [s.mtimeMs, s.size];
  }
  const previous = await readFile(pointer, "utf8").then((text) => JSON.parse(text).dir, () => null);
  const tmp = `${pointer}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ format: FORMAT, dir, inputs }));
  await rename(tmp, pointer);
  // The build just replaced stays: a command started from it a moment ago may not have loaded its chunk yet.
  for (const entry of await readdir(home, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === dir || entry.name === previous) continue;
    const old = path.join(home, entry.name);
    if (Date.now() - (await stat(old)).mtimeMs > KEEP_OLD_MS) await rm(old, { recursive: true, force: true });
  }
  return outdir;
}

// The running service takes the commands itself (src/admin/operator-socket.ts): a round trip on its
// socket, instead of loading and opening the database here. It answers `local` for the commands that
// run in the operator's process (backup, restore…); when no service answers, they all run here.
const [name, ...args] = process.argv.slice(2);
if (name && !process.env.ADMIN_LOCAL) {
  // npm runs scripts from the package's folder; INIT_CWD is where the operator typed the command.
  const answer = await askService(operatorSocketPath(process.env), { command: name, args, cwd: process.env.INIT_CWD ?? process.cwd() });
  if (answer && !answer.local) {
    process.stdout.write(answer.out);
    process.stderr.write(answer.err);
    // Writes to a pipe or a file are synchronous here (Linux): nothing is lost by exiting now.
    process.exit(answer.code);
  }
}

/**
 * The service's answer, or null when none listens (no socket, a stale one, or one that is not this
 * user's own: then nothing is sent to it). A service that accepted the command but broke off answering
 * is an error: the command may have run, so it is not run again here.
 */
async function askService(socketPath, body) {
  const info = await lstat(socketPath).catch(() => null);
  if (!info?.isSocket() || (typeof process.getuid === "function" && info.uid !== process.getuid())) return null;
  const { request } = await import("node:http");
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: "/run", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (err) {
          reject(err);
        }
      });
      res.on("error", reject);
    });
    // Refused or missing: no service listens (a stale socket after a crash); the command runs here.
    req.on("error", (err) => (req.reusedSocket || !["ECONNREFUSED", "ENOENT"].includes(err.code) ? reject(err) : resolve(null)));
    req.end(payload);
  }).catch((err) => {
    console.error(`the running service did not finish answering: ${err.message}`);
    process.exit(1);
  });
}

await mkdir(home, { recursive: true });
let bundle = await fresh();
if (!bundle) {
  try {
    bundle = await rebuild();
  } catch (err) {
    // esbuild has printed the errors with their file and line; a stack trace would only hide them.
    if (!err?.errors) console.error(err);
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(bundle, "admin.mjs")).href);
