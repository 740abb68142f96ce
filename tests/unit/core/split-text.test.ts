import { describe, expect, it } from "vitest";
import { splitText, truncate, truncateWords } from "../../../src/core/split-text.ts";

const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Bonjour 👋", 4096)).toEqual(["Bonjour 👋"]);
  });

  it("cuts at spaces", () => {
    expect(splitText("one two three", 8)).toEqual(["one two", "three"]);
  });

  it("prefers line breaks to spaces", () => {
    expect(splitText("first line here\nsecond line", 20)).toEqual(["first line here", "second line"]);
  });

  it("splits 5,000 characters of French into chunks of at most 4096, losing no word", () => {
    const text = Array.from({ length: 500 }, (_, i) => `Phrase ${i} : vendu à 12€.`).join(" ").slice(0, 5000);
    const chunks = splitText(text, 4096);
    expect(chunks.length).toBe(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4096);
    expect(words(chunks.join(" "))).toEqual(words(text));
  });

  it("splits right-to-left Arabic text at word boundaries, in logical order", () => {
    const text = "مرحبا بكم في التعاونية ".repeat(300).trim();
    const chunks = splitText(text, 1024);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(1024);
      expect(c.startsWith("مرحبا") || c.startsWith("بكم") || c.startsWith("في") || c.startsWith("التعاونية")).toBe(true);
    }
    expect(words(chunks.join(" "))).toEqual(words(text));
  });

  it("never cuts inside an emoji when a word is longer than the limit", () => {
    const text = "😊".repeat(10); // 20 UTF-16 units, no space
    const chunks = splitText(text, 5);
    expect(chunks.join("")).toBe(text);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(5);
      expect(c).toMatch(/^(😊)+$/u);
    }
  });
});

describe("truncate", () => {
  it("leaves a fitting text alone and marks a cut with an ellipsis", () => {
    expect(truncate("Choisir", 20)).toBe("Choisir");
    expect(truncate("Atelier comptabilité", 10)).toBe("Atelier c…");
    expect(truncate("Atelier comptabilité", 10).length).toBeLessThanOrEqual(10);
  });

  it("does not split a family emoji (ZWJ sequence)", () => {
    const out = truncate("ab👨‍👩‍👧‍👦cd", 6);
    expect(out).toBe("ab…");
  });
});

describe("truncateWords", () => {
  it.each([
    ["📅 Fixer ses prix", 24, "📅 Fixer ses prix"],
    ["📅 Hygiène et sécurité alimentaire", 24, "📅 Hygiène et sécurité…"],
    ["📅 Service du midi : essai en cuisine", 24, "📅 Service du midi…"],
    ["📅 Comptabilité et trésorerie", 24, "📅 Comptabilité et…"],
    ["📅 Anticonstitutionnellement parlant", 24, "📅 Anticonstitutionnell…"],
    ["📅 تحديد الأسعار والتكاليف الشهرية", 24, "📅 تحديد الأسعار…"],
  ])("%s → %s", (text, max, expected) => {
    expect(truncateWords(text, max)).toBe(expected);
    expect(truncateWords(text, max).length).toBeLessThanOrEqual(max);
  });
});
