import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REDIS_URL } from "../../tests/support/redis.ts";
import { WA } from "../../tests/support/platforms.ts";
import type { Cleanup } from "./cleanup.ts";
import { log, sleep, waitFor } from "./log.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServiceProcess {
  pid: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resident memory of the service process now, in bytes (VmRSS of /proc/<pid>/status). */
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process in bytes, read from /proc. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /^VmRSS:\s+(\d+)\s+kB/mu.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

/**
 * The real service, `node --import tsx src/main.ts` (what `npm start` runs), in a child process of its
 * own: its event loop is not shared with the load generator and the fake platform, and its memory is
 * its own. WhatsApp is enabled against `whatsappBaseUrl`. Stopped by pid (SIGTERM, then SIGKILL after
 * the service's own 10 s grace) by `stop()` or the cleanup, whichever comes first.
 */
export async function startServiceProcess(
  cleanup: Cleanup,
  opts: { databaseUrl: string; prefix: string; whatsappBaseUrl: string; nodeArgs?: string[]; env?: Record<string, string>; label?: string },
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: opts.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: opts.prefix,
      LOG_LEVEL: "warn",
      WHATSAPP_ACCESS_TOKEN: WA.token,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_APP_SECRET: WA.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
      WHATSAPP_API_BASE_URL: opts.whatsappBaseUrl,
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const label = opts.label ?? "service";
  // The service logs JSON lines on stderr (warnings and errors at LOG_LEVEL=warn): passed on, prefixed, capped.
  let lines = 0;
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (!line.trim()) continue;
      if (++lines <= 30) process.stderr.write(`[${label} ${child.pid}] ${line.slice(0, 400)}\n`);
      else if (lines === 31) process.stderr.write(`[${label} ${child.pid}] … further log lines not shown\n`);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const pid = child.pid!;
  const stop = async () => {
    if (!running) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(12_000).then(() => false)]);
    if (!done && running) {
      log(`${label} ${pid} did not stop in 12 s: SIGKILL`);
      child.kill("SIGKILL");
      await exited;
    }
  };
  cleanup.add(`stop ${label} pid ${pid}`, stop);
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  await waitFor(
    `${label} /healthz`,
    async () => {
      if (!running) throw new Error(`${label} exited during start`);
      return (await fetch(`${baseUrl}/healthz`)).ok;
    },
    90_000,
    200,
  );
  log(`${label} pid ${pid} up on ${baseUrl} in ${Math.round(performance.now() - t0)} ms`);
  return { pid, baseUrl, child, rssBytes: () => rssOf(pid), stop };
}
