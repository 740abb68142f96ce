import { describe, expect, it } from "vitest";
import { redact } from "../../../src/bridge/redact.ts";

/** What a provider receives instead of names and phone numbers, and how the translation gets them back. */
describe("redact", () => {
  const profile = { names: ["Olena Kovalenko", "Olena", "Kovalenko"], phones: ["33612345678"] };

  it("takes the profile's names out, whatever their case, as whole words only, and puts them back", () => {
    const r = redact("Bonjour OLENA, c'est Kovalenko qui écrit. Olenamaria n'est pas un nom connu.", profile);
    expect(r.text).toBe("Bonjour [[1]], c'est [[2]] qui écrit. Olenamaria n'est pas un nom connu.");
    expect(r.restore("[fr→uk] Привіт [[1]], це [[2]] пише.")).toBe("[fr→uk] Привіт OLENA, це Kovalenko пише.");
  });

  it("prefers the longest name where names overlap, and numbers a repeated name once", () => {
    const r = redact("Olena Kovalenko ici. Merci Olena Kovalenko !", profile);
    expect(r.text).toBe("[[1]] ici. Merci [[1]] !");
    expect(r.count).toBe(2);
  });

  it("takes out phone numbers: the profile's in any format, and any number in the text", () => {
    const r = redact("Appelez-moi au 06 12 34 56 78 ou au +33 6 12 34 56 78, ou ma sœur au 07.11.22.33.44", profile);
    expect(r.text).not.toMatch(/\d{2}/u);
    expect(r.text).toBe("Appelez-moi au [[1]] ou au [[2]], ou ma sœur au [[3]]");
    expect(r.restore("Call me at [[1]] or [[ 2 ]], or my sister at [[3]]")).toBe("Call me at 06 12 34 56 78 or +33 6 12 34 56 78, or my sister at 07.11.22.33.44");
  });

  it("finds names in other scripts and leaves a text without any alone", () => {
    const arabic = redact("مرحبا نور، اتصلي بي", { names: ["نور"], phones: [] });
    expect(arabic.text).toBe("مرحبا [[1]]، اتصلي بي");
    const plain = redact("Підкажіть, де купити посуд", profile);
    expect(plain.text).toBe("Підкажіть, де купити посуд");
    expect(plain.count).toBe(0);
    expect(plain.restore("Where to buy dishes")).toBe("Where to buy dishes");
  });

  it("leaves a mark the provider did not keep as it came back (a number it invented)", () => {
    const r = redact("Merci Olena", profile);
    expect(r.restore("Thanks [[1]] and [[7]]")).toBe("Thanks Olena and [[7]]");
  });

  it("does not take out amounts, dates or short numbers", () => {
    const r = redact("J'ai vendu 3 plats à 12 € le 14/12/2026, commande 4521", profile);
    expect(r.text).toBe("J'ai vendu 3 plats à 12 € le 14/12/2026, commande 4521");
  });
});
