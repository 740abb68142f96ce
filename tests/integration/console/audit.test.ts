/**
 * The console's Audit log through the real service (PostgreSQL, Redis): entries newest first with
 * readable action names (an unknown action shows its code), details escaped; filters by action, actor
 * (a person, or the system), subject and days taken in the viewer's zone (bad ones a clear 400);
 * keyset pagination that neither skips nor repeats an entry, even among entries of the same instant;
 * a coordinator sees only the entries she made herself, an admin all of them; no session, no log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, get, personWithRole, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let svc: TestService;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  ids["Amina"] = (await personWithRole(prisma, "870000001", "coordinator", "Amina")).id;
  ids["Bilal"] = (await personWithRole(prisma, "870000002", "coordinator", "Bilal")).id;
  ids["Marc"] = (await personWithRole(prisma, "870000003", "admin", "Marc", "en")).id;
  const at = (iso: string) => new Date(iso);
  await prisma.auditLog.createMany({
    data: [
      { actorId: ids["Amina"], action: "application.accepted", subject: "app-111", at: at("2026-11-28T10:00:00Z") },
      { actorId: ids["Amina"], action: "relay.answer", subject: "thread-222", at: at("2026-11-29T10:00:00Z"), details: { note: '<script>alert("x")</script>' } },
      // 00:30 on 1 December in Paris, still 30 November in UTC.
      { actorId: ids["Bilal"], action: "export.sales", subject: "cohort-b", at: at("2026-11-30T23:30:00Z"), details: { rows: 3, via: "console" } },
      { actorId: null, action: "cohort.ended", subject: "cohort-a", at: at("2026-11-30T12:00:00Z"), details: { via: "admin" } },
      { actorId: ids["Bilal"], action: "something.new", subject: "x-<b>", at: at("2026-11-27T08:00:00Z") },
    ],
  });
  // 60 entries of one kind, ten of them at the very same instant.
  await prisma.auditLog.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ actorId: ids["Marc"], action: "test.bulk", subject: `bulk-${String(i).padStart(2, "0")}`, at: new Date(Date.UTC(2026, 10, 1, 12, 0, i < 10 ? 0 : i)) })),
  });
  for (const name of ["Amina", "Bilal", "Marc"]) {
    const made = await createSignInLink(prisma, ids[name]!, CONSOLE_ENV.PUBLIC_URL, NOW);
    if (!("url" in made)) throw new Error("refused");
    cookies[name] = await signIn(svc.baseUrl, made.url);
  }
});
afterAll(async () => svc?.stop());

/** The action codes of the entries on a page, in order. */
const codes = (page: string) => [...page.matchAll(/<dt>(?:Code)<\/dt><dd><code>([^<]*)<\/code>/g)].map((m) => m[1]);
const subjects = (page: string) => [...page.matchAll(/<dt>(?:Sujet|Subject)<\/dt><dd><code>([^<]*)<\/code>/g)].map((m) => m[1]!);
const open = async (who: string, query = "") => {
  const res = await get(svc.baseUrl, `/console/audit${query}`, cookies[who]);
  return { status: res.status, page: await res.text() };
};

describe("console: Audit log", () => {
  it("shows an admin every entry, newest first, with readable names and escaped details", async () => {
    const { status, page } = await open("Marc", "?from=2026-11-27&to=2026-11-30");
    expect(status).toBe(200);
    expect(page).toContain('aria-current="page">Audit log</a>');
    expect(codes(page)).toEqual(["cohort.ended", "relay.answer", "application.accepted", "something.new"]);
    expect(page).toContain("<strong>Application accepted</strong>");
    expect(page).toContain("<strong>Cohort ended</strong>");
    // No text for this action yet: its code stands in.
    expect(page).toContain("<strong>something.new</strong>");
    expect(page).toContain("<code>x-&lt;b&gt;</code>");
    expect(page).toContain("&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;");
    expect(page).not.toContain('<script>alert');
    expect(page).toContain("The system (admin command, automatic)");
    // In his language and zone (Paris), as the chat writes dates.
    expect(page).toContain('<time datetime="2026-11-30T12:00:00.000Z">30 November 2026 at 1:00 PM</time>');
  });

  it("filters by action, actor, subject and days (in the viewer's zone), and says what is wrong with a bad filter", async () => {
    expect(codes((await open("Marc", "?action=export.sales")).page)).toEqual(["export.sales"]);
    expect(codes((await open("Marc", `?actor=${ids["Amina"]}`)).page).filter((c) => c !== "console.signin")).toEqual(["relay.answer", "application.accepted"]);
    expect(codes((await open("Marc", "?actor=system&action=cohort.ended")).page)).toEqual(["cohort.ended"]);
    expect(subjects((await open("Marc", "?subject=THREAD")).page)).toEqual(["thread-222"]);
    // In Paris, 23:30 UTC on 30 November is already 1 December.
    expect(codes((await open("Marc", "?from=2026-12-01&to=2026-12-01")).page)).toEqual(["export.sales"]);
    expect(codes((await open("Marc", "?from=2026-11-30&to=2026-11-30")).page)).toEqual(["cohort.ended"]);
    const withFilters = (await open("Marc", "?action=relay.answer")).page;
    expect(withFilters).toContain('<option value="relay.answer" selected>Answer in a conversation</option>');
    expect(withFilters).toContain(`<option value="${ids["Amina"]}">Amina</option>`);
    for (const q of ["?from=2026-13-01", "?to=tomorrow", "?from=2026-12-01&to=2026-11-01", "?actor=nobody"]) {
      const bad = await open("Marc", q);
      expect(bad.status, q).toBe(400);
      expect(bad.page).toContain('role="alert"');
      expect(codes(bad.page)).toEqual([]);
    }
  });

  it("pages through the log with a cursor, 50 at a time, without skipping or repeating an entry", async () => {
    const first = await open("Marc", "?action=test.bulk");
    const one = subjects(first.page);
    expect(one).toHaveLength(50);
    expect(one[0]).toBe("bulk-59");
    const next = /href="(\/console\/audit\?[^"]*before=[^"]*)" rel="next"/.exec(first.page)![1]!.replace(/&amp;/g, "&");
    expect(next).toContain("action=test.bulk");
    const second = (await get(svc.baseUrl, next, cookies["Marc"]).then((r) => r.text()));
    const two = subjects(second);
    expect(two).toHaveLength(10);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain("Back to the newest");
    expect(new Set([...one, ...two]).size).toBe(60);
    expect([...one, ...two].filter((s) => Number(s.slice(5)) < 10)).toHaveLength(10);
  });

  it("shows a coordinator only what she did herself, without the actor filter", async () => {
    const { page } = await open("Amina", "?to=2026-11-30");
    expect(codes(page)).toEqual(["relay.answer", "application.accepted"]);
    expect(page).toContain("Les actions que vous avez faites");
    expect(page).not.toContain('name="actor"');
    expect(page).not.toContain("export.sales");
    expect(page).not.toContain("Bilal");
    // Another person's entries stay out even when asked for by name.
    expect(codes((await open("Amina", `?actor=${ids["Bilal"]}`)).page)).toEqual([]);
    expect(codes((await open("Bilal", "?to=2026-12-01")).page)).toEqual(["export.sales", "something.new"]);
  });

  it("is closed without a session", async () => {
    const res = await get(svc.baseUrl, "/console/audit");
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("thread-222");
  });
});
