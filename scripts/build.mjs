// `npm run build`: the service as one ES module, dist/main.mjs, for `npm start`. Compiled once, it starts
// without a TypeScript loader in the process (about 75 MB less resident memory than running through tsx).
// Packages stay external (node_modules); locales and migrations are read from the project at run time.
// Written to a temporary name then renamed: a process starting from dist/ never reads half a file.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Prisma's client imports its query compiler, WebAssembly, as a 4.6 MB base64 string in an ES module.
 * An ES module stays loaded for the life of the process, so its source and the string would keep 9 MB
 * of memory after the compiler is built. In the bundle, that import gets a `wasm` that reads the same
 * string, from Prisma's CommonJS copy of the file, only when Prisma decodes it (Buffer.from calls
 * valueOf), and lets it go.
 */
const prismaWasmOnce = {
  name: "prisma-wasm-once",
  setup(b) {
    b.onResolve({ filter: /^@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs$/ }, (args) => ({ path: args.path, namespace: "prisma-wasm-once" }));
    b.onLoad({ filter: /.*/, namespace: "prisma-wasm-once" }, (args) => ({
      loader: "js",
      resolveDir: root,
      contents: `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const file = require.resolve(${JSON.stringify(args.path.replace(/\.mjs$/, ".js"))});
export const wasm = {
  valueOf() {
    try {
      return require(file).wasm;
    } finally {
      delete require.cache[file];
    }
  },
};
`,
    }));
  },
};
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.mjs",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  write: false,
  plugins: [prismaWasmOnce],
});
await mkdir(path.join(root, "dist"), { recursive: true });
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  await writeFile(tmp, file.contents);
  await rename(tmp, file.path);
}
if (!process.argv.includes("--quiet")) console.error(`built dist/main.mjs in ${Math.round(performance.now() - started)} ms`);
