/**
 * Small numbers in the anonymous impact report. A figure about 1 to 4 people would let a reader who
 * knows the cohort tell who is behind it ("the one who left"), so the report shows "< 5" instead:
 *
 * - a count of people from 1 to 4 (zero is shown: it names nobody);
 * - any figure describing a group of 1 to 4 people, zero included: the breakdowns of a cohort of 3, a
 *   rate over 3 people's attendance, the sales of 2 sellers (a sum of money from a handful of people is
 *   their own turnover, so money is treated like a count of the people it comes from);
 * - then, in every breakdown that adds up to a total, if exactly one figure is hidden, the next smallest
 *   non-zero one is hidden too ("s"), so that the hidden one cannot be found by subtraction; repeated
 *   until no breakdown has a single hidden figure (one hidden figure can make another breakdown need one).
 *   When no other part is above zero, the total is hidden instead. A breakdown whose total is a shown
 *   zero needs nothing: every part of it is zero.
 *
 * The result has the shape of the figures with hidden numbers replaced by their reason: renderers never
 * see them. With `--names` the report is personal anyway and nothing is hidden.
 */
import { keyOf, reportCells, type Cell, type Path } from "./cells.ts";
import { OUTCOME_OFFSETS, SMALL_GROUP, type Hidden, type ImpactFigures, type Shown } from "./model.ts";

const small = (n: number) => n > 0 && n < SMALL_GROUP;

/** Whether a cell is hidden on its own, before complements. */
export function isSmall(cell: Pick<Cell, "kind" | "value" | "about">): boolean {
  return small(cell.about) || (cell.kind === "count" && small(cell.value));
}

/**
 * The cells to hide and why: small ones, then complements until every group has zero or at least two
 * hidden members (its total counting as a member).
 * @example hiddenCells(cells, [{ cells: ["a", "b", "c"], total: "t" }]) // a = 3 → a small, then b (7, the next smallest) complement
 */
export function hiddenCells(cells: readonly Cell[], groups: readonly { cells: string[]; total?: string }[]): Map<string, Hidden> {
  const byKey = new Map(cells.map((c) => [keyOf(c.path), c]));
  const hidden = new Map<string, Hidden>();
  for (const c of cells) if (isSmall(c)) hidden.set(keyOf(c.path), "small");
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const members = g.total === undefined ? g.cells : [...g.cells, g.total];
      if (members.filter((k) => hidden.has(k)).length !== 1) continue;
      // A total of zero says every part is zero: there is nothing to subtract from.
      if (g.total !== undefined && !hidden.has(g.total) && byKey.get(g.total)?.value === 0) continue;
      // A shown zero is known to be zero: hiding it would protect nothing.
      const candidates = g.cells
        .filter((k) => !hidden.has(k) && (byKey.get(k)?.value ?? 0) > 0)
        .sort((a, b) => byKey.get(a)!.value - byKey.get(b)!.value || a.localeCompare(b));
      const pick = candidates[0] ?? (g.total !== undefined && !hidden.has(g.total) ? g.total : undefined);
      if (pick === undefined) continue;
      hidden.set(pick, "complement");
      changed = true;
    }
  }
  return hidden;
}

function setAt(root: unknown, path: Path, value: Shown): void {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

/** The anonymous report's figures: every figure about fewer than 5 people replaced by "small", and complements by "complement". */
export function hideSmallNumbers(figures: ImpactFigures): ImpactFigures<Shown> {
  const { cells, groups } = reportCells(figures);
  const hidden = hiddenCells(cells, groups);
  const shown = structuredClone(figures) as ImpactFigures<Shown>;
  delete shown.people; // personal by definition: only a report with names has it
  shown.hiddenFigures = hidden.size;
  for (const c of cells) {
    const why = hidden.get(keyOf(c.path));
    if (why === undefined) continue;
    if (c.kind === "ratio") for (const part of ["numerator", "denominator", "rate"]) setAt(shown, [...c.path, part], why);
    else setAt(shown, c.path, why);
  }
  // A response rate gives away its counts: it goes with them.
  for (const scope of [shown.total, ...shown.cohorts]) {
    for (const o of OUTCOME_OFFSETS) {
      const x = scope.outcomes[o];
      const why = [x.answered, x.sent].find((n): n is Hidden => typeof n === "string");
      if (why !== undefined) x.responseRate = why;
    }
  }
  return shown;
}
