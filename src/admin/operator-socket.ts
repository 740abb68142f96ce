import { chmod, unlink } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import net from "node:net";
import { Writable } from "node:stream";
import { z } from "zod";
import type { Config } from "../config/config.ts";
import type { Logger } from "../core/logger.ts";
import type { Database } from "../db/database.ts";
import { COMMANDS } from "./commands.ts";
import { UsageError } from "./context.ts";

/** What `npm run admin` sends: the command, its arguments, and the folder relative paths are read from. */
const request = z.object({ command: z.string(), args: z.array(z.string()).max(100), cwd: z.string().min(1) });

/** The answer: what the command printed and its exit code; `local` when the operator's process must run it. */
export type OperatorAnswer = { code: number; out: string; err: string } | { local: true };

/** Requests larger than this are refused (arguments only: files are read by the command). */
const MAX_BODY = 64 * 1024;

/**
 * The running service takes operator commands on a Unix socket (config.operatorSocket): `npm run admin`
 * asks it first, so a command costs a round trip instead of a process that loads the database client,
 * opens the database and checks its migrations (a second or two); and with the embedded database, which
 * serves one process, the commands work while the service runs. The socket is the permission: its file
 * is readable and writable by the service's user only (0600). Commands that need no database (backup,
 * restore, the platforms' set-up) are answered `local` and run in the operator's process, as when no
 * service runs. One process of a service listens; the others find the socket answering and leave it.
 */
export async function startOperatorSocket(opts: { config: Config; db: Database; log: Logger }): Promise<{ close(): Promise<void> } | undefined> {
  const file = opts.config.operatorSocket;
  if (await answers(file)) {
    opts.log.info({ socket: file }, "another process of this service takes the operator commands");
    return undefined;
  }
  await unlink(file).catch(() => undefined);
  const server = createServer((req, res) => {
    void handle(opts, req).then(
      (answer) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      },
      (err: unknown) => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 2, out: "", err: `${(err as Error).message}\n` }));
      },
    );
  });
  const listening = await listen(server, file).then(
    () => true,
    (err: unknown) => {
      opts.log.warn({ err, socket: file }, "operator commands cannot be taken on this socket: `npm run admin` runs them itself");
      return false;
    },
  );
  if (!listening) return undefined;
  await chmod(file, 0o600);
  return {
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await unlink(file).catch(() => undefined);
    },
  };
}

async function handle(opts: { config: Config; db: Database; log: Logger }, req: IncomingMessage): Promise<OperatorAnswer> {
  if (req.method !== "POST" || req.url !== "/run") throw new Error("POST /run only");
  const body = request.parse(JSON.parse(await readBody(req)));
  const entry = Object.hasOwn(COMMANDS, body.command) ? COMMANDS[body.command] : undefined;
  if (!entry || entry.database === false) return { local: true };
  let out = "";
  let err = "";
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
  try {
    const run = await entry.load();
    await run({ config: opts.config, db: async () => opts.db, out: sink((s) => (out += s)), err: sink((s) => (err += s)), cwd: body.cwd }, body.args);
    return { code: 0, out, err };
  } catch (e) {
    if (!(e instanceof UsageError)) opts.log.warn({ err: e, command: body.command }, "an operator command failed");
    return { code: e instanceof UsageError ? 2 : 1, out, err: `${err}${(e as Error).message}\n` };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error("request too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** True when something listens on the socket (a live process of this service). */
function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function listen(server: Server, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
