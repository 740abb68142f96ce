/**
 * The console's Sales page through the real service (PostgreSQL, Redis): each member's figures and the
 * cohort's totals against the entries inserted here (an undone one left out), the date and cohort
 * filters, the scope (another cohort's coordinator sees neither the table nor the CSV), and the CSV,
 * byte for byte the admin export's output for the same arguments, audited as it is.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, get, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let svc: TestService;
const ids: Record<string, string> = {};
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      { key: "a", name: "Coopérative <Belleville>", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("840000001", "Awa"), m("840000002", "Fatima")], coordinators: [m("840000009", "Amina")] },
      { key: "b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("841000001", "Bintou")], coordinators: [m("841000009", "Bilal", "en")] },
    ],
  });
  for (const key of ["a", "b"]) ids[key] = (await prisma.cohort.findUniqueOrThrow({ where: { key } })).id;
  for (const name of ["Awa", "Fatima", "Bintou"]) ids[name] = (await prisma.person.findFirstOrThrow({ where: { firstName: name } })).id;
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "849000001" } } } });
  const entry = (name: string, cohort: string, kind: "sale" | "expense", amountCents: number, occurredOn: string, extra: { undoneAt?: Date; item?: string; originalText?: string } = {}) =>
    prisma.transaction.create({ data: { personId: ids[name]!, cohortId: ids[cohort]!, kind, amountCents, occurredOn: new Date(`${occurredOn}T00:00:00Z`), recordedAt: new Date(`${occurredOn}T12:00:00Z`), ...extra } });
  await entry("Awa", "a", "sale", 3600, "2026-11-02", { item: "thiéboudienne", originalText: "vendu 3 plats, 36 €" });
  await entry("Awa", "a", "sale", 1250, "2026-11-20", { item: "bissap" });
  await entry("Awa", "a", "expense", 800, "2026-11-03", { item: "riz" });
  await entry("Awa", "a", "sale", 99_900, "2026-11-21", { undoneAt: new Date("2026-11-21T13:00:00Z") });
  await entry("Fatima", "a", "sale", 4500, "2026-11-25", { originalText: 'a "quoted", text' });
  await entry("Bintou", "b", "sale", 7000, "2026-11-10");
});
afterAll(async () => svc?.stop());

async function sessionOf(firstName: string): Promise<string> {
  const { prisma } = svc.service.deps;
  const person = await prisma.person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}

/** The cells of a table row whose header cell is `name`, as text. */
function row(page: string, name: string): string[] {
  const tr = [...page.matchAll(/<tr>(.*?)<\/tr>/gs)].map((x) => x[1]!).find((r) => new RegExp(`<th scope="row"[^>]*>${name}</th>`).test(r));
  if (!tr) throw new Error(`no row ${name}`);
  return [...tr.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((x) => x[1]!.replace(/\u202f|\u00a0/g, " "));
}

function adminExport(args: string[]): Promise<string> {
  const url = (svc.service.config.database as { url: string }).url;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ["--import", "tsx", "scripts/admin.ts", "export", "sales", ...args], { env: { ...process.env, DATABASE_URL: url } }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { stderr })) : resolve(stdout),
    ),
  );
}

describe("console: Sales", () => {
  it("shows each member's figures and the cohort's totals, undone entries left out, money in the page's language", async () => {
    // A member with nothing recorded is listed with zeros.
    const { prisma } = svc.service.deps;
    const zoe = await prisma.person.create({ data: { firstName: "Zoé", locale: "fr", identities: { create: { channel: "telegram", externalId: "840000003" } } } });
    await prisma.membership.create({ data: { cohortId: ids["a"]!, personId: zoe.id } });
    const res = await get(svc.baseUrl, "/console/sales", await sessionOf("Amina"));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('aria-current="page">Ventes</a>');
    expect(page).toContain("Coopérative &lt;Belleville&gt;");
    expect(page).not.toContain("Montreuil");
    expect(row(page, "Awa")).toEqual(["2", "48,50 €", "8,00 €"]);
    expect(row(page, "Fatima")).toEqual(["1", "45,00 €", "0,00 €"]);
    expect(row(page, "Zoé")).toEqual(["0", "0,00 €", "0,00 €"]);
    expect(row(page, "Total de la coopérative")).toEqual(["3", "93,50 €", "8,00 €"]);
    expect(page).not.toContain("Aucune vente ni dépense");
    expect(page).toContain('<div class="table-wrap" role="region" tabindex="0" aria-label="Ventes et dépenses par membre, Coopérative &lt;Belleville&gt;">');
    expect(page).toContain('href="/console/sales.csv?cohort=a"');
    expect(page).not.toContain("<Belleville>");
    expect(page).not.toMatch(/<script(?! src="\/console\/assets\/live\.js")/);
  });

  it("filters by dates (inclusive) and says so; a bad date is a clear message", async () => {
    const cookie = await sessionOf("Amina");
    const page = await (await get(svc.baseUrl, "/console/sales?from=2026-11-03&to=2026-11-20", cookie)).text();
    expect(row(page, "Awa")).toEqual(["1", "12,50 €", "8,00 €"]);
    expect(row(page, "Fatima")).toEqual(["0", "0,00 €", "0,00 €"]);
    expect(row(page, "Total de la coopérative")).toEqual(["1", "12,50 €", "8,00 €"]);
    expect(page).toContain("Du 2026-11-03 au 2026-11-20.");
    expect(page).toContain('href="/console/sales.csv?cohort=a&amp;from=2026-11-03&amp;to=2026-11-20"');
    const empty = await (await get(svc.baseUrl, "/console/sales?to=2020-01-01", cookie)).text();
    expect(empty).toContain("Aucune vente ni dépense enregistrée sur cette période.");
    expect(row(empty, "Awa")).toEqual(["0", "0,00 €", "0,00 €"]);
    for (const q of ["from=2026-13-01", "to=demain", "from=2026-02-30", "from=2026-11-20&to=2026-11-01"]) {
      const bad = await get(svc.baseUrl, `/console/sales?${q}`, cookie);
      expect(bad.status).toBe(400);
      const text = await bad.text();
      expect(text).toContain('role="alert"');
      expect(text).toMatch(/n’est pas une date|est après la date de fin/);
      expect(text).not.toContain("<table");
    }
  });

  it("an admin sees every cohort, and the cohort filter narrows it; the coordinator of another cohort sees only hers", async () => {
    const marc = await (await get(svc.baseUrl, "/console/sales", await sessionOf("Marc"))).text();
    expect(marc).toContain("Coopérative Montreuil");
    expect(marc).toContain("Coopérative &lt;Belleville&gt;");
    expect(row(marc, "Bintou")).toEqual(["1", "€70.00", "€0.00"]);
    const onlyB = await (await get(svc.baseUrl, "/console/sales?cohort=b", await sessionOf("Marc"))).text();
    expect(onlyB).not.toContain("<h2 id=\"c-1\">");
    expect(onlyB).toContain('<h2 id="c-0">Coopérative Montreuil</h2>');
    const bilal = await get(svc.baseUrl, "/console/sales?cohort=a", await sessionOf("Bilal"));
    const text = await bilal.text();
    expect(text).not.toContain("Belleville");
    expect(text).not.toContain("Awa");
  });

  it("serves the CAE's CSV, byte for byte the admin export's, audited; another cohort's is 404", async () => {
    const { prisma } = svc.service.deps;
    const cookie = await sessionOf("Amina");
    for (const q of [{}, { from: "2026-11-03" }, { from: "2026-11-03", to: "2026-11-20" }, { to: "2026-11-02" }] as Record<string, string>[]) {
      const params = new URLSearchParams({ cohort: "a", ...q });
      const res = await get(svc.baseUrl, `/console/sales.csv?${params.toString()}`, cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sales-a[-\w]*\.csv"$/);
      const body = Buffer.from(await res.arrayBuffer());
      const args = ["--cohort", "a", ...Object.entries(q).flatMap(([k, v]) => [`--${k}`, v])];
      expect(body.equals(Buffer.from(await adminExport(args), "utf8"))).toBe(true);
    }
    const audit = await prisma.auditLog.findMany({ where: { action: "export.sales", subject: "a" }, orderBy: { at: "asc" } });
    const viaConsole = audit.filter((a) => (a.details as { via?: string }).via === "console");
    expect(viaConsole).toHaveLength(4);
    expect(viaConsole[0]!.actorId).toBeTruthy();
    expect(viaConsole[0]!.details).toMatchObject({ rows: 4, via: "console" });

    const bilal = await sessionOf("Bilal");
    expect((await get(svc.baseUrl, "/console/sales.csv?cohort=a", bilal)).status).toBe(404);
    expect((await get(svc.baseUrl, "/console/sales.csv?cohort=nope", bilal)).status).toBe(404);
    expect((await get(svc.baseUrl, "/console/sales.csv", bilal)).status).toBe(404);
    expect((await get(svc.baseUrl, "/console/sales.csv?cohort=b&from=x", bilal)).status).toBe(400);
    expect((await get(svc.baseUrl, "/console/sales.csv?cohort=b", bilal)).status).toBe(200);
  });

  it("is for signed-in coordinators only", async () => {
    for (const path of ["/console/sales", "/console/sales.csv?cohort=a"]) {
      const res = await get(svc.baseUrl, path);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("Awa");
    }
  });
});
