import { DateTime } from "luxon";
import type { Say, SayParam } from "../engine/types.ts";
import { NAME_FIELDS, personName, type Nameable } from "../core/person-name.ts";
import type { Tx } from "../db/tx.ts";
import type { Period } from "../understanding/slots/periods.ts";
import { salesWhere, type SalesFilter } from "./export.ts";


interface Entry {
  kind: "sale" | "expense";
  item: string | null;
  amountCents: number;
  currency: string;
  occurredOn: Date;
}

/** Sums by currency, shown as "36,00 € + 10,00 £"; most people only ever use euros. */
function sums(entries: Entry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) out.set(e.currency, (out.get(e.currency) ?? 0) + e.amountCents);
  return out;
}

function money(entries: Entry[]): SayParam {
  const totals = [...sums(entries)];
  if (totals.length === 0) return { money: 0, currency: "EUR" };
  if (totals.length === 1) return { money: totals[0]![1], currency: totals[0]![0] };
  return totals.map(([c, v]) => `${(v / 100).toFixed(2)} ${c}`).join(" + ");
}

function figures(key: string, entries: Entry[]): Say {
  return {
    key,
    params: { sales: money(entries.filter((e) => e.kind === "sale")), expenses: money(entries.filter((e) => e.kind === "expense")) },
  };
}

/** Where and when totals are read: the reader's time zone and now, and the period their words named. */
export interface TotalsWhen {
  timezone: string;
  now: Date;
  period?: Period;
}

const isoDay = (e: Entry) => e.occurredOn.toISOString().slice(0, 10);

/** The period's entries, or all of them. */
function within(entries: Entry[], period: Period | undefined): Entry[] {
  return period ? entries.filter((e) => isoDay(e) >= period.from && isoDay(e) <= period.to) : entries;
}

/**
 * The lines by period, in the reader's time zone: (today,) this week, this month, since the start; or
 * only the period their words named ("du 1 au 30 novembre").
 */
function periods(entries: Entry[], when: TotalsWhen, from: "day" | "week"): Say[] {
  const { period } = when;
  if (period) {
    const year = period.from.slice(0, 4) !== String(DateTime.fromJSDate(when.now).setZone(when.timezone).year);
    const oneDay = period.from === period.to;
    const line = figures(oneDay ? "totals.on_day" : "totals.between", within(entries, period));
    return [{ ...line, params: { ...line.params, from: { date: period.from, year }, to: { date: period.to, year } } }];
  }
  const today = DateTime.fromJSDate(when.now).setZone(when.timezone);
  const since = (start: DateTime) => entries.filter((e) => isoDay(e) >= start.toISODate()!);
  return [
    ...(from === "day" ? [figures("totals.today", since(today.startOf("day")))] : []),
    figures("totals.week", since(today.startOf("week"))),
    figures("totals.month", since(today.startOf("month"))),
    figures("totals.all", entries),
  ];
}

/** A person's own totals: today, this week, this month, the whole programme (or the period named), and by product. */
export async function myTotals(tx: Tx, personId: string, when: TotalsWhen): Promise<Say[]> {
  const entries = (await tx.transaction.findMany({ where: { personId, undoneAt: null } })) as Entry[];
  if (entries.length === 0) return [{ key: "totals.none" }];
  const lines = periods(entries, when, "day");
  const byItem = new Map<string, Entry[]>();
  for (const e of within(entries, when.period).filter((x) => x.kind === "sale" && x.item)) byItem.set(e.item!, [...(byItem.get(e.item!) ?? []), e]);
  const top = [...byItem].sort((a, b) => sumAll(b[1]) - sumAll(a[1])).slice(0, 5);
  if (top.length) lines.push({ key: "totals.by_product" }, ...top.map(([item, list]): Say => ({ key: "totals.product_line", params: { item, total: money(list) } })));
  return lines;
}

const sumAll = (list: Entry[]) => list.reduce((n, e) => n + e.amountCents, 0);

/**
 * For coordinators: the whole cooperative's sales this week, this month and since the start, then each
 * member's, for the cohorts they run.
 */
export async function cohortTotals(tx: Tx, cohortIds: string[], when: TotalsWhen): Promise<Say[]> {
  const cohorts = await tx.cohort.findMany({
    where: { id: { in: cohortIds } },
    include: { transactions: { where: { undoneAt: null }, include: { person: { select: { id: true, ...NAME_FIELDS } } } } },
  });
  if (cohorts.length === 0) return [{ key: "totals.no_cohort" }];
  const lines: Say[] = [];
  for (const c of cohorts) {
    const entries = c.transactions as (Entry & { person: Nameable & { id: string } })[];
    lines.push({ key: "totals.cohort", params: { cohort: c.name } }, ...periods(entries, when, "week"));
    // By person, not by name: two members may share a first name. Within the period named, if any.
    const byPerson = new Map<string, typeof entries>();
    for (const e of within(entries, when.period) as typeof entries) byPerson.set(e.person.id, [...(byPerson.get(e.person.id) ?? []), e]);
    for (const list of byPerson.values()) {
      lines.push({ key: "totals.member_line", params: { name: personName(list[0]!.person), sales: money(list.filter((e) => e.kind === "sale")), count: list.length } });
    }
  }
  return lines;
}

/** The cohorts whose figures a coordinator sees: those they coordinate; an admin sees every cohort. */
export async function coordinatedCohortIds(tx: Tx, person: { id: string; role: string }): Promise<string[]> {
  if (person.role === "admin") return (await tx.cohort.findMany({ select: { id: true } })).map((c) => c.id);
  const memberships = await tx.membership.findMany({ where: { personId: person.id, role: "coordinator" }, select: { cohortId: true } });
  return memberships.map((m) => m.cohortId);
}

export interface MemberFigures {
  personId: string;
  name: string;
  sales: number;
  /** Sums in integer cents by currency (most people only ever use euros). */
  salesTotal: Map<string, number>;
  expensesTotal: Map<string, number>;
}

/**
 * Each member's figures for the console's Sales page, per cohort: the CSV's entries (same filter,
 * export.ts `salesWhere`), by person (two members may share a first name), and the cohort's totals.
 * The cohort's active members with nothing in the period are listed with zeros.
 */
export async function memberFigures(tx: Tx, filter: SalesFilter): Promise<Map<string, { members: MemberFigures[]; total: Omit<MemberFigures, "personId" | "name"> }>> {
  const entries = await tx.transaction.findMany({ where: salesWhere(filter), include: { person: { select: { id: true, ...NAME_FIELDS } } } });
  const out = new Map<string, { members: MemberFigures[]; total: Omit<MemberFigures, "personId" | "name"> }>();
  const add = (m: Map<string, number>, e: Entry) => m.set(e.currency, (m.get(e.currency) ?? 0) + e.amountCents);
  for (const e of entries) {
    const cohort = out.get(e.cohortId!) ?? { members: [] as MemberFigures[], total: { sales: 0, salesTotal: new Map<string, number>(), expensesTotal: new Map<string, number>() } };
    out.set(e.cohortId!, cohort);
    let member = cohort.members.find((x) => x.personId === e.personId);
    if (!member) cohort.members.push((member = { personId: e.personId, name: personName(e.person), sales: 0, salesTotal: new Map(), expensesTotal: new Map() }));
    for (const f of [member, cohort.total]) {
      if (e.kind === "sale") {
        f.sales += 1;
        add(f.salesTotal, e as Entry);
      } else add(f.expensesTotal, e as Entry);
    }
  }
  // Active members who recorded nothing in the period are listed too, with zeros.
  const members = await tx.membership.findMany({ where: { cohortId: { in: filter.cohortIds }, role: "member", status: "active" }, include: { person: { select: { id: true, ...NAME_FIELDS } } } });
  for (const m of members) {
    const cohort = out.get(m.cohortId) ?? { members: [] as MemberFigures[], total: { sales: 0, salesTotal: new Map<string, number>(), expensesTotal: new Map<string, number>() } };
    out.set(m.cohortId, cohort);
    if (!cohort.members.some((x) => x.personId === m.personId)) cohort.members.push({ personId: m.personId, name: personName(m.person), sales: 0, salesTotal: new Map(), expensesTotal: new Map() });
  }
  for (const c of out.values()) c.members.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}
