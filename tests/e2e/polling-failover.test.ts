import { spawn, type ChildProcess } from "node:child_process";
import type { Update } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { serviceCommand } from "../../scripts/service-command.ts";
import { FAKE_TOKEN, startFakeTelegram, type FakeTelegram } from "../fakes/telegram-server.ts";
import { tgTextUpdate } from "../support/platforms.ts";
import { freePort } from "../support/ports.ts";
import { migratedDatabase } from "../support/postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../support/redis.ts";
import { sleep, waitFor } from "../support/eventually.ts";

/** Short, so the test is quick; the default is 10 s. Not below 3 s: a busy 2-core machine must not cost the lock. */
const LOCK_SECONDS = 3;

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Proc {
  name: string;
  child: ChildProcess;
  base: string;
  /** Log lines (JSON on standard error) so far. */
  logs: { msg?: string; [field: string]: unknown }[];
  exited: Promise<unknown>;
}

/** `npm start` as a real process, long-polling the shared fake through an apiRoot of its own (`caller`). */
async function startProcess(name: string, args: string[], env: Record<string, string>, tg: FakeTelegram): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", TELEGRAM_API_ROOT: tg.apiRootFor(name) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const logs: Proc["logs"] = [];
  let rest = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Proc["logs"][number]);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  const exited = new Promise((r) => child.on("exit", r));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${name} healthy`, async () => (await fetch(`${base}/healthz`)).ok, 60_000, 100);
  return { name, child, base, logs, exited };
}

const pollersSince = (tg: FakeTelegram, since: number) =>
  new Set(tg.callsTo("getUpdates").filter((c) => c.at >= since).map((c) => c.caller));
const sentTo = (tg: FakeTelegram, chatId: number) => tg.callsTo("sendMessage").find((c) => String(c.params.chat_id) === String(chatId));
const logged = (p: Proc, text: string) => p.logs.some((l) => l.msg?.includes(text));
async function leaderGauge(p: Proc): Promise<number | undefined> {
  const text = await (await fetch(`${p.base}/metrics`)).text();
  const m = /^migracoop_leader\{task="telegram_polling"\} (\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

describe("Telegram long polling with two web processes", () => {
  it("polls from one process only; when it is killed, the other takes over and answers", async () => {
    const tg = await startFakeTelegram({ longPollMs: 250 });
    const db = await migratedDatabase("poll");
    const prefix = uniquePrefix("poll");
    cleanups.push(tg.close, db.drop, () => clearPrefix(prefix));
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_POLLING_LOCK_SECONDS: String(LOCK_SECONDS),
    };
    const args = serviceCommand();
    // One after the other, so that a takes the polling lock (the database is already migrated: a template copy).
    const a = await startProcess("a", args, env, tg);
    const t0 = Date.now();
    const b = await startProcess("b", args, env, tg);
    const bothUp = Date.now();
    console.log(`second process healthy ${bothUp - t0} ms after its start`);

    // Longer than the lock's life: b has tried several times meanwhile, and a has renewed.
    await waitFor("b sees the lock held", () => logged(b, "another process holds the lock"), 10_000);
    await sleep(LOCK_SECONDS * 1000 + 500);
    expect(pollersSince(tg, bothUp)).toEqual(new Set(["a"]));
    expect(await leaderGauge(a)).toBe(1);
    expect(await leaderGauge(b)).toBe(0);
    tg.queueUpdates(tgTextUpdate(5000000101, "/start", "fr") as Update);
    // Received by a's poller; answered by whichever process's worker takes the job.
    await waitFor("the first message answered", () => sentTo(tg, 5000000101), 15_000);

    // SIGKILL: no release; the lock lapses and b takes it.
    a.child.kill("SIGKILL");
    await a.exited;
    const killedAt = Date.now();
    tg.queueUpdates(tgTextUpdate(5000000102, "/start", "fr") as Update);
    await waitFor("b polls", () => pollersSince(tg, killedAt).has("b"), 30_000, 20);
    const takeoverMs = tg.callsTo("getUpdates").find((c) => c.at >= killedAt && c.caller === "b")!.at - killedAt;
    const reply = await waitFor("b answers", () => sentTo(tg, 5000000102), 30_000, 20);
    const answeredMs = reply.at - killedAt;
    console.log(`takeover: b polled ${takeoverMs} ms after a was killed, and answered ${answeredMs} ms after (lock ${LOCK_SECONDS} s)`);

    expect(reply.caller).toBe("b");
    expect(takeoverMs).toBeLessThan(30_000);
    // The lock lapses LOCK_SECONDS after a's last renewal (at most a third of it before the kill); b tries every third.
    expect(takeoverMs).toBeLessThan(LOCK_SECONDS * 1000 * (1 + 1 / 3) + 2_000);
    expect(logged(b, "telegram polling: took over")).toBe(true);
    expect(await leaderGauge(b)).toBe(1);
    // Never two pollers at once: the fake ends a waiting getUpdates when another caller's arrives (409).
    expect(tg.conflicts()).toBe(0);
    expect(pollersSince(tg, killedAt)).toEqual(new Set(["b"]));
  });
});
