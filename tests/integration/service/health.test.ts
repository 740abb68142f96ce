import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_URL, migratedDatabase } from "../../support/postgres.ts";
import { REDIS_URL } from "../../support/redis.ts";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy.ts";
import { startTestService, type TestService } from "../../support/service.ts";

let pgProxy: TcpProxy;
let redisProxy: TcpProxy;
let svc: TestService;
let drop: () => Promise<void>;

beforeAll(async () => {
  const pgUrl = new URL(ADMIN_URL);
  const redisUrl = new URL(REDIS_URL);
  pgProxy = await startTcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432));
  redisProxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
  const db = await migratedDatabase("health");
  drop = db.drop;
  svc = await startTestService({ role: "web", env: { DATABASE_URL: pgProxy.url(db.url), REDIS_URL: redisProxy.url(REDIS_URL) } });
});

afterAll(async () => {
  pgProxy.restore();
  redisProxy.restore();
  await svc?.stop();
  await drop?.();
  await pgProxy?.close();
  await redisProxy?.close();
});

async function health() {
  const res = await fetch(`${svc.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
}

describe("GET /healthz", () => {
  it("answers 200 when the database and Redis answer", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.checks).toEqual({ database: "ok", redis: "ok" });
  });

  it("answers 503 naming Redis when Redis is down, and 200 again once it is back", async () => {
    redisProxy.cut();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.checks.database).toBe("ok");
    expect(down.body.checks.redis).toMatch(/^down: /);
    redisProxy.restore();
    await expect.poll(async () => (await health()).status, { timeout: 10_000, interval: 200 }).toBe(200);
  });

  it("answers 503 naming the database when PostgreSQL is down, and 200 again once it is back", async () => {
    pgProxy.cut();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.checks.redis).toBe("ok");
    expect(down.body.checks.database).toMatch(/^down: /);
    pgProxy.restore();
    await expect.poll(async () => (await health()).status, { timeout: 15_000, interval: 200 }).toBe(200);
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus metrics", async () => {
    const res = await fetch(`${svc.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("# TYPE migracoop_webhook_requests_total counter");
    expect(text).toContain("process_resident_memory_bytes");
  });
});
