import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify from "fastify";
import { loadConfig } from "../../../src/config/config.ts";
import { registerConsole } from "../../../src/console/plugin.ts";
import { createSignInLink, LINK_TTL_MS } from "../../../src/signin/links.ts";
import { SESSION_IDLE_MS } from "../../../src/signin/sessions.ts";
import { newToken } from "../../../src/signin/tokens.ts";
import { CONSOLE_ENV, csrfOf, get, linkPath, personWithRole, postForm, sessionCookie, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
let clock = new Date("2026-12-01T09:00:00Z");
const now = () => clock;
let amina: { id: string };
let olena: { id: string };

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now });
  amina = await personWithRole(svc.service.deps.prisma, "810000001", "coordinator", "Amina");
  olena = await personWithRole(svc.service.deps.prisma, "810000002", "participant", "Olena", "uk");
});
afterAll(async () => {
  await svc?.stop();
});

const prisma = () => svc.service.deps.prisma;
async function linkFor(personId: string): Promise<string> {
  const made = await createSignInLink(prisma(), personId, CONSOLE_ENV.PUBLIC_URL, clock);
  if (!("url" in made)) throw new Error(`refused: ${made.refused}`);
  return made.url;
}

describe("configuration", () => {
  it("needs CONSOLE_SECRET with PUBLIC_URL, of at least 32 characters, and makes cookies Secure on https", () => {
    expect(() => loadConfig({ PUBLIC_URL: "https://x.example.org" })).toThrow(/CONSOLE_SECRET: is required when PUBLIC_URL is set/);
    expect(() => loadConfig({ PUBLIC_URL: "https://x.example.org", CONSOLE_SECRET: "short" })).toThrow(/CONSOLE_SECRET: .*at least 32 characters/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://x", CONSOLE_SECRET: "y".repeat(32) })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({}).console).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: "https://x.example.org/", CONSOLE_SECRET: "y".repeat(32) }).console).toEqual({ publicUrl: "https://x.example.org", secret: "y".repeat(32), secureCookies: true, signInPerMinute: 10 });
    expect(loadConfig({ PUBLIC_URL: "http://localhost:3000", CONSOLE_SECRET: "y".repeat(32) }).console?.secureCookies).toBe(false);
  });
});

describe("sign-in links", () => {
  it("signs the person in once: HttpOnly, SameSite=Lax, Secure cookie, then Today; the link is then used up", async () => {
    const url = await linkFor(amina.id);
    expect(url).toMatch(/^https:\/\/console\.example\.org\/console\/login\/[A-Za-z0-9_-]{43}$/);
    const res = await get(svc.baseUrl, linkPath(url));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console");
    const set = res.headers.getSetCookie().find((c) => c.startsWith("mc_console="))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Secure/i);
    expect(set).toMatch(/Path=\/console/);
    const today = await get(svc.baseUrl, "/console", sessionCookie(res));
    expect(today.status).toBe(200);
    const html = await today.text();
    expect(html).toContain("Aujourd&#39;hui");
    expect(html).toContain("Amina");

    const again = await get(svc.baseUrl, linkPath(url));
    expect(again.status).toBe(410);
    expect(sessionCookie(again)).toBeUndefined();
    expect(await again.text()).toContain("Lien déjà utilisé");
    // Only hashes are stored: the token appears nowhere in the tables.
    const token = url.split("/").pop()!;
    expect(await prisma().consoleLink.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma().consoleSession.count({ where: { personId: amina.id } })).toBe(1);
  });

  it("refuses an expired link, with a clear page and no session", async () => {
    const url = await linkFor(amina.id);
    const before = await prisma().consoleSession.count();
    clock = new Date(clock.getTime() + LINK_TTL_MS + 1000);
    const res = await get(svc.baseUrl, linkPath(url));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Lien expiré");
    expect(sessionCookie(res)).toBeUndefined();
    expect(await prisma().consoleSession.count()).toBe(before);
  });

  it("refuses a forged link (well-formed or not), in English for an English browser", async () => {
    const before = await prisma().consoleSession.count();
    for (const token of [newToken(), "abc", "x".repeat(43), "%27%3Cscript%3E"]) {
      const res = await get(svc.baseUrl, `/console/login/${token}`, undefined, { "accept-language": "en-GB,en;q=0.9" });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("Unknown link");
    }
    expect(await prisma().consoleSession.count()).toBe(before);
  });

  it("binds a link to its person: it signs in that person and nobody else", async () => {
    const marc = await personWithRole(prisma(), "810000003", "admin", "Marc", "en");
    const cookie = await signIn(svc.baseUrl, await linkFor(marc.id));
    const html = await (await get(svc.baseUrl, "/console", cookie)).text();
    expect(html).toContain("Marc");
    expect(html).toContain("Today");
    expect(html).not.toContain("Amina");
  });

  it("gives no link to a participant, and a link made before the role was lost signs nobody in", async () => {
    expect(await createSignInLink(prisma(), olena.id, CONSOLE_ENV.PUBLIC_URL, clock)).toEqual({ refused: "not_allowed" });
    const demoted = await personWithRole(prisma(), "810000004", "coordinator", "Sami");
    const url = await linkFor(demoted.id);
    await prisma().person.update({ where: { id: demoted.id }, data: { role: "participant" } });
    const res = await get(svc.baseUrl, linkPath(url));
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it("lets a link preview robot see a page without using the link up", async () => {
    const url = await linkFor(amina.id);
    const preview = await get(svc.baseUrl, linkPath(url), undefined, { "user-agent": "TelegramBot (like TwitterBot)" });
    expect(preview.status).toBe(200);
    expect(sessionCookie(preview)).toBeUndefined();
    await signIn(svc.baseUrl, url);
  });
});

describe("sessions", () => {
  it("denies every page without a session", async () => {
    for (const path of ["/console", "/console/", "/console/nowhere"]) {
      const res = await get(svc.baseUrl, path);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("console");
    }
    expect((await get(svc.baseUrl, "/console", "mc_console=" + newToken())).status).toBe(401);
  });

  it("ends the session at once when the person loses the role", async () => {
    const p = await personWithRole(prisma(), "810000005", "coordinator", "Lina");
    const cookie = await signIn(svc.baseUrl, await linkFor(p.id));
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(200);
    await prisma().person.update({ where: { id: p.id }, data: { role: "participant" } });
    const denied = await get(svc.baseUrl, "/console", cookie);
    expect(denied.status).toBe(403);
    expect(denied.headers.getSetCookie().join()).toMatch(/mc_console=;/);
    // Given the role back, the old session stays ended: a new link is needed.
    await prisma().person.update({ where: { id: p.id }, data: { role: "coordinator" } });
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(401);
    expect(await prisma().auditLog.count({ where: { action: "denied", subject: "console" } })).toBeGreaterThanOrEqual(1);
  });

  it("ends a session after 12 hours without a request, and not before", async () => {
    const cookie = await signIn(svc.baseUrl, await linkFor(amina.id));
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS - 60_000);
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(200);
    clock = new Date(clock.getTime() + SESSION_IDLE_MS);
    const res = await get(svc.baseUrl, "/console", cookie);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("12 heures sans activité");
  });

  it("refuses a logout without the session's CSRF token, and logs out with it", async () => {
    const cookie = await signIn(svc.baseUrl, await linkFor(amina.id));
    const page = await (await get(svc.baseUrl, "/console", cookie)).text();
    expect((await postForm(svc.baseUrl, "/console/logout", cookie, {})).status).toBe(403);
    expect((await postForm(svc.baseUrl, "/console/logout", cookie, { _csrf: "forged" })).status).toBe(403);
    // Another session's token is worth nothing here.
    const other = await signIn(svc.baseUrl, await linkFor(amina.id));
    const otherToken = csrfOf(await (await get(svc.baseUrl, "/console", other)).text());
    expect((await postForm(svc.baseUrl, "/console/logout", cookie, { _csrf: otherToken })).status).toBe(403);
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(200);

    const out = await postForm(svc.baseUrl, "/console/logout", cookie, { _csrf: csrfOf(page) });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/console/signed-out?lang=fr");
    expect((await get(svc.baseUrl, "/console", cookie)).status).toBe(401);
    expect((await get(svc.baseUrl, "/console", other)).status).toBe(200);
  });

  it("sends a strict Content-Security-Policy and security headers, and serves its own stylesheet", async () => {
    const cookie = await signIn(svc.baseUrl, await linkFor(amina.id));
    for (const res of [await get(svc.baseUrl, "/console", cookie), await get(svc.baseUrl, "/console/login/nope")]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const page = await (await get(svc.baseUrl, "/console", cookie)).text();
    // No inline script or style and nothing from elsewhere: the only script is the service's own file.
    expect(page).not.toMatch(/<script>|<script(?! src="\/console\/assets\/live\.js")|style=|https?:\/\//);
    const css = await get(svc.baseUrl, "/console/assets/console.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");
    // The webhooks and health are untouched by the console's headers.
    expect((await get(svc.baseUrl, "/healthz")).headers.get("content-security-policy")).toBeNull();
  });

  it("limits sign-in attempts per address (CONSOLE_SIGNIN_PER_MINUTE), with a clear page", async () => {
    // The console as the service registers it, on a server of its own with a limit of 3 a minute.
    const config = loadConfig({ ...CONSOLE_ENV, CONSOLE_SIGNIN_PER_MINUTE: "3" }).console!;
    const app = Fastify();
    await registerConsole(app, { config, deps: svc.service.deps });
    const attempt = (path: string, ip: string) => app.inject({ method: "GET", url: path, remoteAddress: ip });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(`/console/login/${newToken()}`, "203.0.113.7")).statusCode);
    expect(statuses).toEqual([404, 404, 404]);
    const url = await linkFor(amina.id);
    const limited = await attempt(linkPath(url), "203.0.113.7");
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain("Trop d&#39;essais");
    expect(limited.headers["set-cookie"]).toBeUndefined();
    // Another address is not held back, and the link was not used up by the refused attempt.
    const other = await attempt(linkPath(url), "198.51.100.4");
    expect(other.statusCode).toBe(303);
    await app.close();
  });
});
