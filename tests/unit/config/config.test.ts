import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/config.ts";

const run = promisify(execFile);
const WA = {
  WHATSAPP_ACCESS_TOKEN: "EAAG-token",
  WHATSAPP_PHONE_NUMBER_ID: "1234567890",
  WHATSAPP_APP_SECRET: "s3cret",
  WHATSAPP_VERIFY_TOKEN: "verify-me",
};

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    const c = loadConfig({});
    expect(c.http).toEqual({ port: 3000, host: "0.0.0.0" });
    expect(c.database).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(c.redis.url).toBe("redis://127.0.0.1:6379");
    expect(c.telegram).toBeUndefined();
    expect(c.whatsapp).toBeUndefined();
    expect(c.defaultLocale).toBe("fr");
    expect(c.defaultTimezone).toBe("Europe/Paris");
  });

  it("reads PostgreSQL, Telegram and WhatsApp when configured", () => {
    const c = loadConfig({
      DATABASE_URL: "postgresql://root@127.0.0.1:5432/test",
      TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      TELEGRAM_WEBHOOK_SECRET: "abc_DEF-123",
      ...WA,
      DEFAULT_LOCALE: "ar",
      DEFAULT_TIMEZONE: "Africa/Khartoum",
      PORT: "8080",
    });
    expect(c.database).toEqual({ kind: "postgres", url: "postgresql://root@127.0.0.1:5432/test" });
    expect(c.telegram).toMatchObject({ token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", webhookSecret: "abc_DEF-123", apiRoot: "https://api.telegram.org" });
    expect(c.whatsapp).toMatchObject({ phoneNumberId: "1234567890", baseUrl: "https://graph.facebook.com", messagesPerSecond: 80 });
    expect(c.defaultLocale).toBe("ar");
    expect(c.http.port).toBe(8080);
  });

  it("reads a WhatsApp number's upgraded throughput", () => {
    expect(loadConfig({ ...WA, WHATSAPP_MESSAGES_PER_SECOND: "1000" }).whatsapp?.messagesPerSecond).toBe(1000);
  });

  it("reads the Telegram polling lock's life, 10 s by default", () => {
    const token = { TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" };
    expect(loadConfig(token).telegram?.pollingLockMs).toBe(10_000);
    expect(loadConfig({ ...token, TELEGRAM_POLLING_LOCK_SECONDS: "2.5" }).telegram?.pollingLockMs).toBe(2_500);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", TELEGRAM_BOT_TOKEN: "" }).database.kind).toBe("pglite");
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
    [{ TELEGRAM_BOT_TOKEN: "not-a-token" }, "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_WEBHOOK_SECRET: "has spaces!" , TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_WEBHOOK_SECRET: "abc" }, "TELEGRAM_BOT_TOKEN"],
    [{ WHATSAPP_ACCESS_TOKEN: "x" }, "WHATSAPP_PHONE_NUMBER_ID"],
    [{ ...WA, WHATSAPP_APP_SECRET: undefined }, "WHATSAPP_APP_SECRET"],
    [{ ...WA, WHATSAPP_VERIFY_TOKEN: "" }, "WHATSAPP_VERIFY_TOKEN"],
    [{ DEFAULT_LOCALE: "de" }, "DEFAULT_LOCALE"],
    [{ DEFAULT_TIMEZONE: "Paris" }, "DEFAULT_TIMEZONE"],
    [{ WHATSAPP_API_BASE_URL: "graph.facebook.com" }, "WHATSAPP_API_BASE_URL"],
    [{ ...WA, WHATSAPP_MESSAGES_PER_SECOND: "2000" }, "WHATSAPP_MESSAGES_PER_SECOND"],
    [{ ...WA, WHATSAPP_MESSAGES_PER_SECOND: "fast" }, "WHATSAPP_MESSAGES_PER_SECOND"],
    [{ TELEGRAM_POLLING_LOCK_SECONDS: "30" }, "TELEGRAM_POLLING_LOCK_SECONDS"],
    [{ TELEGRAM_POLLING_LOCK_SECONDS: "0.5" }, "TELEGRAM_POLLING_LOCK_SECONDS"],
    [{ TELEGRAM_POLLING_LOCK_SECONDS: "soon" }, "TELEGRAM_POLLING_LOCK_SECONDS"],
    [{ TRANSLATE_PROVIDERS: "deepl" }, "DEEPL_API_KEY"],
    [{ TRANSLATE_PROVIDERS: "yandex" }, "TRANSLATE_PROVIDERS"],
    [{ TRANSLATE_TIMEOUT_MS: "10" }, "TRANSLATE_TIMEOUT_MS"],
  ])("refuses %o, naming %s", (env, variable) => {
    let message = "";
    try {
      loadConfig(env as Record<string, string>);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split(";")[0]).toMatch(new RegExp(`^${variable}: `));
    expect(message).not.toContain("\n");
  });
});

describe("loadConfig and translation", () => {
  it("turns translation on only with TRANSLATE_PROVIDERS, 5 s per message by default", () => {
    expect(loadConfig({ LIBRETRANSLATE_URL: "http://libretranslate:5000", DEEPL_API_KEY: "k:fx" }).engines).toEqual({ providers: [], translateTimeoutMs: 5000, mediaMaxBytes: 16 * 1024 * 1024 });
    const on = loadConfig({ TRANSLATE_PROVIDERS: "libretranslate,deepl", LIBRETRANSLATE_URL: "http://libretranslate:5000", DEEPL_API_KEY: "k:fx", TRANSLATE_TIMEOUT_MS: "3000" });
    expect(on.engines.providers.map((p) => p.name)).toEqual(["libretranslate", "deepl"]);
    expect(on.engines.translateTimeoutMs).toBe(3000);
  });

  it("names every wrong variable at once, the engines' with the others", () => {
    let err: unknown;
    try {
      loadConfig({ PORT: "not-a-port", TRANSLATE_PROVIDERS: "google" });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toMatch(/^PORT: expected .*; GOOGLE_TRANSLATE_API_KEY: is required because TRANSLATE_PROVIDERS names google$/);
    expect((err as { context: { variables: string[] } }).context.variables).toEqual(["PORT", "GOOGLE_TRANSLATE_API_KEY"]);
  });
});

describe("npm start with a wrong value", () => {
  it("stops with one line naming the variable", async () => {
    const err = await run("npx", ["tsx", "src/main.ts"], { env: { ...process.env, PORT: "not-a-port" } }).catch((e: unknown) => e);
    const { code, stderr } = err as { code: number; stderr: string };
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: PORT: expected /);
  });
});
