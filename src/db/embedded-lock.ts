import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { AppError } from "../core/errors.ts";

/**
 * One process at a time on the embedded database. PGlite is PostgreSQL in WebAssembly inside the
 * process that opens it: two processes opening the same folder (the service and an admin command, or
 * two services) each believe they own it and can tear it. So opening takes `<folder>.lock`, holding
 * the process id and the host; a second process is refused, naming the holder. A lock left by a
 * process that died (killed, machine restarted) is taken over: its process id is not alive.
 */
export function lockEmbedded(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  const me = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      return () => release(file, me.pid);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder && holder.host === me.host && holder.pid === me.pid) return () => undefined; // this process holds it already
      if (holder && (holder.host !== me.host || alive(holder.pid))) {
        throw new AppError(
          "database.embedded_in_use",
          `The embedded database at ${dataDir} is open in another process (pid ${holder.pid} on ${holder.host}), probably the service. ` +
            "Stop it first, or use PostgreSQL (DATABASE_URL) to run admin commands while the service runs. " +
            `If that process is not ours (its number was reused after a crash), delete ${file}.`,
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone: take it over
    }
  }
  throw new AppError("database.embedded_in_use", `Could not take ${file}: another process took it at the same moment.`);
}

function readHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; host?: unknown };
    return typeof value.pid === "number" && typeof value.host === "string" ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined; // unreadable (half written by a process that died): treated as left behind
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function release(file: string, pid: number): void {
  if (readHolder(file)?.pid === pid) rmSync(file, { force: true });
}
