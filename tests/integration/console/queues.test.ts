/**
 * The admins' Queues page through the real service (PostgreSQL, Redis): BullMQ's own dashboard
 * (bull-board) under /console/queues, behind the console's sign-in (no session: the signed-out page)
 * and its role check (a coordinator: 403, audited), showing the service's real queues to an admin under
 * a policy without inline script or third-party stylesheet; its changes (pause, resume…) only from the
 * site itself (no Origin, another Origin or a cross-site fetch: 403 and nothing changed), each audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, get, personWithRole, signIn } from "../../support/console.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const QUEUE_NAMES = ["broadcasts", "fires", "inbound", "outbound-console", "outbound-telegram", "outbound-whatsapp"];
let svc: TestService;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  ids["Amina"] = (await personWithRole(prisma, "880000001", "coordinator", "Amina")).id;
  ids["Marc"] = (await personWithRole(prisma, "880000002", "admin", "Marc", "en")).id;
  for (const name of ["Amina", "Marc"]) {
    const made = await createSignInLink(prisma, ids[name]!, CONSOLE_ENV.PUBLIC_URL, NOW);
    if (!("url" in made)) throw new Error("refused");
    cookies[name] = await signIn(svc.baseUrl, made.url);
  }
});
afterAll(async () => svc?.stop());

const put = (path: string, cookie: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${svc.baseUrl}${path}`, { method: "PUT", redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });

describe("console: Queues", () => {
  it("answers no session with the signed-out page, on the dashboard, its files and its API", async () => {
    for (const path of ["/console/queues", "/console/queues/", "/console/queues/queue/fires", "/console/queues/api/queues"]) {
      const res = await get(svc.baseUrl, path);
      expect(res.status, path).toBe(401);
      const text = await res.text();
      expect(text).toContain("Vous êtes déconnecté·e");
      expect(text).not.toContain("fires");
    }
    expect((await put("/console/queues/api/queues/fires/pause", undefined, { origin: CONSOLE_ENV.PUBLIC_URL })).status).toBe(401);
    expect(await svc.service.queues.fires.isPaused()).toBe(false);
  });

  it("refuses a coordinator, and audits it; her navigation has no Queues link", async () => {
    for (const path of ["/console/queues", "/console/queues/api/queues"]) {
      const res = await get(svc.baseUrl, path, cookies["Amina"]);
      expect(res.status, path).toBe(403);
      const text = await res.text();
      expect(text).toContain("réservées à l’administration");
      expect(text).not.toContain("outbound-");
    }
    expect((await put("/console/queues/api/queues/fires/pause", cookies["Amina"], { origin: CONSOLE_ENV.PUBLIC_URL })).status).toBe(403);
    expect(await svc.service.queues.fires.isPaused()).toBe(false);
    const denied = await svc.service.deps.prisma.auditLog.count({ where: { actorId: ids["Amina"], action: "denied", subject: "queues" } });
    expect(denied).toBe(3);
    const today = await (await get(svc.baseUrl, "/console", cookies["Amina"])).text();
    expect(today).not.toContain('href="/console/queues"');
  });

  it("shows an admin bull-board with the service's real queues, under a policy with no inline script and no third-party asset", async () => {
    const today = await (await get(svc.baseUrl, "/console", cookies["Marc"])).text();
    expect(today).toContain('<a href="/console/queues">Queues</a>');
    const res = await get(svc.baseUrl, "/console/queues", cookies["Marc"]);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<base href="/console/queues/" />');
    expect(page).not.toContain("googleapis");
    expect(page).not.toMatch(/https?:\/\//);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("style-src 'self' 'sha256-");
    expect(csp).toContain("base-uri 'self'");
    // Every script of the page is a file from the service, and it is served.
    const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    for (const attrs of scripts.filter((a) => !a.includes('type="application/json"'))) {
      const src = /src="([^"]+)"/.exec(attrs)![1]!;
      const file = await get(svc.baseUrl, `/console/queues/${src}`, cookies["Marc"]);
      expect(file.status, src).toBe(200);
      expect(file.headers.get("content-type")).toMatch(/javascript/);
    }
    // In the admin's language, with our stylesheet (served from here too) and our names for its icon buttons.
    expect(page).toMatch(/<html lang="en"/);
    expect(page).toContain('"locale":{"lng":"en-US"}');
    expect(page).toContain('"redis":"Redis details"');
    for (const href of [...page.matchAll(/<link\b[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => m[1]!)) {
      const file = await get(svc.baseUrl, `/console/queues/${href}`, cookies["Marc"]);
      expect(file.status, href).toBe(200);
      expect(file.headers.get("content-type")).toMatch(/css/);
    }
    expect(page).toContain('href="assets/contrast.css"');
    const api = await get(svc.baseUrl, "/console/queues/api/queues", cookies["Marc"]);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(QUEUE_NAMES);
  });

  it("lets an admin's changes through only from the site itself, and audits them", async () => {
    const path = "/console/queues/api/queues/fires/pause";
    const refused: Record<string, string>[] = [{}, { origin: "https://evil.example" }, { "sec-fetch-site": "cross-site", origin: CONSOLE_ENV.PUBLIC_URL }, { "sec-fetch-site": "same-site" }];
    for (const headers of refused) {
      const res = await put(path, cookies["Marc"], headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await svc.service.queues.fires.isPaused()).toBe(false);
    }
    expect(await svc.service.deps.prisma.auditLog.count({ where: { actorId: ids["Marc"], action: "denied", subject: "queues" } })).toBe(4);

    const paused = await put(path, cookies["Marc"], { "sec-fetch-site": "same-origin", origin: svc.baseUrl });
    expect(paused.status).toBe(200);
    expect(await svc.service.queues.fires.isPaused()).toBe(true);
    const resumed = await put("/console/queues/api/queues/fires/resume", cookies["Marc"], { origin: CONSOLE_ENV.PUBLIC_URL });
    expect(resumed.status).toBe(200);
    expect(await svc.service.queues.fires.isPaused()).toBe(false);
    // The change is audited once the answer has gone (onResponse): wait for the second entry.
    const changes = await eventually(async () => {
      const found = await svc.service.deps.prisma.auditLog.findMany({ where: { action: "queues.changed" }, orderBy: { at: "asc" } });
      return found.length >= 2 ? found : undefined;
    });
    expect(changes.map((c) => ({ actorId: c.actorId, subject: c.subject, details: c.details }))).toEqual([
      { actorId: ids["Marc"], subject: "fires", details: { method: "PUT", route: "/api/queues/:queueName/pause", status: 200 } },
      { actorId: ids["Marc"], subject: "fires", details: { method: "PUT", route: "/api/queues/:queueName/resume", status: 200 } },
    ]);
  });
});
