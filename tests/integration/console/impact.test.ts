/**
 * The console's Impact page through the real service (PostgreSQL, Redis): the funders' impact report and
 * its CSV, generated on demand by the admin command's own functions, the same files as
 * `admin -- report impact` (but for the time they were made); the scope (a coordinator gets her cohort
 * only, never the whole programme nor another's cohort); the small-number rule on a cohort of 3 ("< 5",
 * no names, even if she asks for them); first names for an admin who asks; the report's own strict
 * policy (no script, its inline styles allowed by hash only); every report and CSV audited.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { impactCsv } from "../../../src/reports/impact/csv.ts";
import { impactFigures } from "../../../src/reports/impact/data.ts";
import { impactHtml } from "../../../src/reports/impact/html.ts";
import { CSS } from "../../../src/reports/impact/style.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, get, personWithRole, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";
import { MEDIUM, SMALL } from "../reports/impact/fixtures.ts";
import { runImpactReport, seedProgramme, visibleText } from "../reports/impact/support.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let svc: TestService;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  await seedProgramme(prisma, [SMALL, MEDIUM]);
  const amina = await personWithRole(prisma, "860000009", "coordinator", "Amina");
  const petite = await prisma.cohort.findUniqueOrThrow({ where: { key: "petite" } });
  await prisma.membership.create({ data: { cohortId: petite.id, personId: amina.id, role: "coordinator" } });
  await personWithRole(prisma, "860000010", "admin", "Marc", "en");
  for (const name of ["Amina", "Marc"]) {
    const person = await prisma.person.findFirstOrThrow({ where: { firstName: name } });
    const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
    if (!("url" in made)) throw new Error("refused");
    cookies[name] = await signIn(svc.baseUrl, made.url);
  }
});
afterAll(async () => svc?.stop());

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
/** A report page without ECharts' class names, which count the charts and styles drawn since the process started. */
const chartless = (html: string) => html.replace(/\bzr\d+-cls-\d+/g, "zr-cls");
/** The CSV without its `generated_at` line: the only one that depends on when it was made. */
const timeless = (csv: string) => csv.split("\n").filter((l) => !l.includes(",generated_at,")).join("\n");

describe("console: Impact", () => {
  it("offers a coordinator her cohort only, anonymous, with the report and the CSV", async () => {
    const res = await get(svc.baseUrl, "/console/impact", cookies["Amina"]);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('aria-current="page">Impact</a>');
    expect(page).toContain('<option value="petite" selected>Coopérative Petite</option>');
    expect(page).not.toContain("Moyenne");
    expect(page).not.toContain("Tout le programme");
    expect(page).not.toContain('name="names"');
    expect(page).toContain("« &lt; 5 »");
    expect(page).toContain('href="/console/impact/report?cohort=petite"');
    expect(page).toContain('href="/console/impact.csv?cohort=petite"');
  });

  it("serves the admin command's report for her cohort of 3: every small figure is “< 5”, no name, under a policy with no script", async () => {
    const res = await get(svc.baseUrl, "/console/impact/report?cohort=petite&names=1", cookies["Amina"]);
    expect(res.status).toBe(200);
    const html = await res.text();
    const { prisma } = svc.service.deps;
    expect(chartless(html)).toBe(chartless(await impactHtml(await impactFigures(prisma, { cohortKey: "petite", now: NOW }))));
    const text = visibleText(html);
    expect(text).toContain("Cohorte : Coopérative Petite");
    expect(text).toContain("« < 5 » : chiffre portant sur moins de 5 personnes");
    for (const name of ["Amal", "Bina", "Chloé"]) expect(text).not.toContain(name);
    expect(text).not.toContain("101,30");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    // The report's own stylesheet, and each of the charts' inline styles, allowed by its hash.
    expect(csp).toContain(sha256(CSS));
    for (const [, value] of html.matchAll(/\sstyle="([^"]*)"/g)) expect(csp).toContain(sha256(value!));
    expect(html).not.toMatch(/<script/i);
  });

  it("gives the same CSV as `admin -- report impact --cohort petite`, as a download, anonymous", async () => {
    const res = await get(svc.baseUrl, "/console/impact.csv?cohort=petite", cookies["Amina"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="impact-petite-2026-12-01.csv"');
    const csv = await res.text();
    const admin = await runImpactReport(svc.service.db, ["--cohort", "petite"]);
    expect(timeless(csv)).toBe(timeless(admin.csv));
    expect(csv).toContain("petite,people_supported,,< 5,people");
    expect(csv).toContain("petite,small_numbers,,hidden_below_5,text");
    expect(csv).not.toContain("Amal");
  });

  it("refuses a coordinator another cohort, an unknown one, and the whole programme", async () => {
    for (const path of ["/console/impact/report?cohort=moyenne", "/console/impact.csv?cohort=moyenne", "/console/impact/report?cohort=nope", "/console/impact/report", "/console/impact.csv"]) {
      const res = await get(svc.baseUrl, path, cookies["Amina"]);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text).not.toContain("Coopérative Moyenne");
      expect(text).toContain("ne vous est pas accessible");
    }
    const page = await get(svc.baseUrl, "/console/impact?cohort=moyenne", cookies["Amina"]);
    expect(page.status).toBe(404);
    const body = await page.text();
    expect(body).toContain('role="alert"');
    expect(body).not.toContain("/console/impact/report?cohort=moyenne");
  });

  it("gives an admin the whole programme by default, and first names when he asks", async () => {
    const page = await (await get(svc.baseUrl, "/console/impact", cookies["Marc"])).text();
    expect(page).toContain('<option value="" selected>Whole programme</option>');
    expect(page).toContain("Coopérative Moyenne");
    expect(page).toContain('href="/console/impact/report"');
    const whole = await (await get(svc.baseUrl, "/console/impact/report", cookies["Marc"])).text();
    expect(visibleText(whole)).toContain("Ensemble du programme");
    const named = await get(svc.baseUrl, "/console/impact/report?cohort=petite&names=1", cookies["Marc"]);
    const html = await named.text();
    expect(chartless(html)).toBe(chartless(await impactHtml(await impactFigures(svc.service.deps.prisma, { cohortKey: "petite", names: true, now: NOW }))));
    expect(visibleText(html)).toContain("Amal");
    expect(visibleText(html)).toContain("données personnelles");
    const csv = await get(svc.baseUrl, "/console/impact.csv?cohort=petite&names=1", cookies["Marc"]);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="impact-petite-2026-12-01-names.csv"');
    expect(await csv.text()).toBe(impactCsv(await impactFigures(svc.service.deps.prisma, { cohortKey: "petite", names: true, now: NOW })));
  });

  it("audits every report and CSV as the admin command does, with who asked", async () => {
    const { prisma } = svc.service.deps;
    const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
    const marc = await prisma.person.findFirstOrThrow({ where: { firstName: "Marc" } });
    const rows = await prisma.auditLog.findMany({ where: { action: "report.impact", actorId: { not: null } }, orderBy: { at: "asc" } });
    const mine = rows.filter((r) => r.actorId === amina.id).map((r) => ({ subject: r.subject, details: r.details }));
    expect(mine).toEqual([
      { subject: "petite", details: { scope: "petite", names: false, people: 0, format: "html", via: "console" } },
      { subject: "petite", details: { scope: "petite", names: false, people: 0, format: "csv", via: "console" } },
    ]);
    const his = rows.filter((r) => r.actorId === marc.id).map((r) => r.details as { names: boolean; people: number; format: string });
    expect(his).toEqual([
      { scope: "all", names: false, people: 0, format: "html", via: "console" },
      { scope: "petite", names: true, people: 3, format: "html", via: "console" },
      { scope: "petite", names: true, people: 3, format: "csv", via: "console" },
    ]);
    // Refusals produced no report, and so no entry.
    expect(rows.filter((r) => r.subject === "moyenne")).toEqual([]);
  });

  it("is closed without a session", async () => {
    for (const path of ["/console/impact", "/console/impact/report?cohort=petite", "/console/impact.csv?cohort=petite"]) {
      const res = await get(svc.baseUrl, path);
      expect(res.status, path).toBe(401);
      expect(await res.text()).not.toContain("Coopérative Petite");
    }
  });
});
