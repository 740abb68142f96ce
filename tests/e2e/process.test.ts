import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeTelegram } from "../fakes/telegram-server.ts";
import { startFakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { platformEnv, postTelegram, postWhatsApp, tgTextUpdate, WA, waTextBody } from "../support/platforms.ts";
import { freshDatabase } from "../support/postgres.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../support/redis.ts";
import { serviceCommand } from "../../scripts/service-command.ts";
import { freePort } from "../support/ports.ts";
import { eventually } from "../support/service.ts";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("the service process against fake platforms", () => {
  it("answers a signed WhatsApp message and a Telegram /start, run as npm start runs it (the built bundle)", async () => {
    const wa = await startFakeWhatsApp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    const tg = await startFakeTelegram();
    const db = await freshDatabase("proc");
    const prefix = uniquePrefix("proc");
    cleanups.push(wa.close, tg.close, db.drop, () => clearPrefix(prefix));
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, serviceCommand(), {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: db.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: "warn",
        ...platformEnv(wa, tg),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((r) => child.on("exit", r));
    cleanups.push(async () => {
      child.kill("SIGTERM");
      await exited;
    });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${base}/healthz`)).ok, 60_000, 250);

    const t0 = performance.now();
    expect((await postWhatsApp(base, waTextBody("33600000001", "Bonjour, je voudrais m'inscrire à la formation"))).status).toBe(200);
    await eventually(() => wa.sent().some((m) => m["to"] === "33600000001"), 10_000, 5);
    const waMs = performance.now() - t0;

    const t2 = performance.now();
    await postWhatsApp(base, waTextBody("33600000002", "Hello, I would like to join the training"));
    await eventually(() => wa.sent().some((m) => m["to"] === "33600000002"), 10_000, 5);
    console.log(`second WhatsApp answer ${(performance.now() - t2).toFixed(0)} ms`);
    const t1 = performance.now();
    expect((await postTelegram(base, tgTextUpdate(5000000001, "/start", "fr"))).status).toBe(200);
    await tg.waitForCalls("sendMessage", 1);
    const tgMs = performance.now() - t1;
    console.log(`first answer: WhatsApp ${waMs.toFixed(0)} ms, Telegram ${tgMs.toFixed(0)} ms`);
  });
});
