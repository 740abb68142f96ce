import { describe, expect, it } from "vitest";
import { entriesOf } from "../../../../src/understanding/sales/index.ts";

const read = (text: string) => entriesOf(text)?.map((e) => [e.kind, e.quantity, e.item, e.unitPriceCents, e.amountCents]);

describe("several entries in one message", () => {
  it.each([
    ["vendí 3 empanadas y 2 tamales a 3€", [["sale", 3, "empanadas", 300, 900], ["sale", 2, "tamales", 300, 600]]],
    ["vendu 3 plats et 2 jus à 3€", [["sale", 3, "plats", 300, 900], ["sale", 2, "jus", 300, 600]]],
    ["продала 2 платья и 3 юбки по 20 евро", [["sale", 2, "платья", 2000, 4000], ["sale", 3, "юбки", 2000, 6000]]],
    ["today i sale 6 jollof rice 8 euro each and 4 drink 2 euro each", [["sale", 6, "jollof rice", 800, 4800], ["sale", 4, "drink", 200, 800]]],
    ["acheté 2 kg farine et 3 oeufs à 1€", [["expense", 2, "farine", 100, 200], ["expense", 3, "oeufs", 100, 300]]],
    // A total for all: one entry naming them all.
    ["vendí 3 empanadas y 2 tamales por 15€", [["sale", null, "empanadas + tamales", null, 1500]]],
  ])("%s", (text, entries) => {
    expect(read(text)).toEqual(entries);
  });

  it.each(["vendu 3 plats à 12€", "vendu 3 plats à 12,50€", "vendu 3 plats à 12€ et 2 à 10€", "bonjour et 2 questions"])("is one entry, or not entries: %s", (text) => {
    expect(entriesOf(text)).toBeUndefined();
  });
});
