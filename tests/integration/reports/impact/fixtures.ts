/** The cohorts of the impact report's tests: 3 people (everything about them is small), 6 and 9. */
import type { CohortSpec, MemberSpec } from "./support.ts";

/** Three people: two alumni who sold (101,30 € in all), one who left. Attendance 13/18 (72 %). */
export const SMALL: CohortSpec = {
  key: "petite",
  name: "Coopérative Petite",
  month: "2025-01",
  members: [
    { name: "Amal", status: "alumni", present: 6, outcome: "micro_enterprise", sales: [{ day: "2025-02-10", cents: 4210 }, { day: "2025-03-12", cents: 3130 }], expenses: [{ day: "2025-02-11", cents: 1500 }] },
    { name: "Bina", status: "alumni", present: 5, outcome: "association", needsHelp: true, sales: [{ day: "2025-03-20", cents: 2790 }] },
    { name: "Chloé", status: "left", present: 2 },
  ],
};

const seller = (name: string, cents: number): MemberSpec => ({
  name,
  status: "alumni",
  present: 5,
  outcome: "micro_enterprise",
  sales: [{ day: "2025-02-14", cents }, { day: "2025-03-14", cents }],
  expenses: [{ day: "2025-02-15", cents: 1000 }],
});
/** Six and nine alumni who all sold in February and March 2025. */
export const MEDIUM: CohortSpec = { key: "moyenne", name: "Coopérative Moyenne", month: "2025-01", members: ["Dina", "Eve", "Fanta", "Gul", "Hana", "Ines"].map((n) => seller(n, 5000)) };
export const LARGE: CohortSpec = {
  key: "grande",
  name: "Coopérative Grande",
  month: "2024-10",
  members: ["Jana", "Kia", "Lina", "Mona", "Nour", "Olga", "Pari", "Rana", "Sara"].map((n) => seller(n, 7000)),
  declined: 6,
};
