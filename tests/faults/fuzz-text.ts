/**
 * Seeded generator of hostile message texts for the fuzz test: random Unicode from many blocks,
 * right-to-left text and bidi controls, zero-width and control characters, emoji sequences, very
 * long texts, lone surrogates, and numbers in every digit script, also inside sales messages written
 * in the person's language. Same seed, same texts: a failure names its seed and message index.
 */

import type { Rng } from "../support/rng.ts";

const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

/** Code point ranges to draw from: scripts, symbols, emoji, combining marks, private use, astral planes. */
const BLOCKS: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x24f], // Latin-1, Latin Extended
  [0x300, 0x36f], // combining diacritics
  [0x370, 0x3ff], // Greek
  [0x400, 0x4ff], // Cyrillic
  [0x590, 0x5ff], // Hebrew
  [0x600, 0x6ff], // Arabic (with Arabic-Indic and Persian digits)
  [0x750, 0x77f], // Arabic Supplement
  [0x900, 0x97f], // Devanagari
  [0x980, 0x9ff], // Bengali
  [0xe00, 0xe7f], // Thai
  [0x1200, 0x137f], // Ethiopic (Tigrinya)
  [0x2000, 0x206f], // General punctuation: spaces, zero-width, bidi controls
  [0x20a0, 0x20cf], // currency symbols
  [0x2190, 0x23ff], // arrows, math, technical
  [0x3040, 0x30ff], // kana
  [0x4e00, 0x4fff], // CJK
  [0xac00, 0xad00], // Hangul
  [0xe000, 0xe0ff], // private use
  [0xfb50, 0xfdff], // Arabic presentation forms (ligatures such as ﷽)
  [0xfe00, 0xfe0f], // variation selectors
  [0xff00, 0xffef], // fullwidth forms
  [0x1d400, 0x1d7ff], // mathematical alphanumerics
  [0x1f300, 0x1faff], // emoji
  [0xe0000, 0xe007f], // tags
];

export const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];
export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"];
/** C0 and C1 controls except U+0000, which has its own test (PostgreSQL text cannot hold it). */
export const CONTROLS = [...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)), "\u007f", ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i))];
const EMOJI = ["👋", "🍽️", "👩🏽‍🍳", "👨‍👩‍👧‍👦", "🇫🇷", "🇦🇫", "🇪🇷", "🏳️‍🌈", "1️⃣", "#️⃣", "❤️‍🔥", "🧕🏾", "💶", "🤲🏿", "🫶", "🙂", "☕", "🪡", "🧵"];

/** The zero of each digit script: ASCII, Arabic-Indic, Persian, Devanagari, Bengali, fullwidth. */
export const DIGIT_ZEROS = { ascii: 0x30, arabicIndic: 0x660, persian: 0x6f0, devanagari: 0x966, bengali: 0x9e6, fullwidth: 0xff10 } as const;

export function digits(n: number, zero: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
}

/** A sales message in each language, `{q}` a quantity and `{p}` a price (same digits as the corpus in tests/sales). */
const SALES: Record<string, string[]> = {
  fr: ["vendu {q} plats à {p}€", "acheté farine {p} €"],
  en: ["sold {q} bags for £{p}", "bought fabric for {p} euros"],
  es: ["vendí {q} tortillas a {p}€", "compré harina {p} euros"],
  pt: ["vendi {q} pastéis a {p}€", "comprei farinha {p} euros"],
  ru: ["продала {q} пирога по {p} евро", "купила муку {p} евро"],
  uk: ["продала {q} пиріжки по {p} євро", "купила борошно {p} євро"],
  ar: ["بعت {q} وجبات ب {p} يورو", "اشتريت طحين ب {p} يورو"],
  fa: ["{q} نان {p} یورو فروختم", "آرد خریدم {p} یورو"],
  ps: ["نن مې {q} بولانۍ په {p} یورو وپلورلې", "اوړه مې واخیستل {p} یورو"],
  ti: ["{q} እንጀራ ብ {p} ዩሮ ሸጥኩ", "ሓርጭ ብ {p} ዩሮ ዓደግኩ"],
  bn: ["{q} টা খাবার {p} ইউরো বিক্রি", "ময়দা কিনলাম {p} ইউরো"],
};

function soup(r: Rng, length: number): string {
  let s = "";
  while (s.length < length) {
    const [lo, hi] = pick(r, BLOCKS);
    s += String.fromCodePoint(int(r, lo, hi));
  }
  return s;
}

function sprinkle(r: Rng, text: string, marks: readonly string[], every: number): string {
  return [...text].map((c) => (r() < 1 / every ? pick(r, marks) + c : c)).join("");
}

export type FuzzKind = "soup" | "bidi" | "invisible" | "emoji" | "digits" | "sale" | "long" | "surrogate" | "blank";

/** One hostile text for a person writing in `locale`; `kind` says what was drawn, for the failure messages. */
export function fuzzText(r: Rng, locale: string): { kind: FuzzKind; text: string } {
  const roll = r();
  const zero = () => pick(r, Object.values(DIGIT_ZEROS));
  if (roll < 0.2) return { kind: "soup", text: soup(r, int(r, 1, 300)) };
  if (roll < 0.32) {
    const inner = pick(r, ["مرحبا 123 hello", "سلام ۱۲۳ دوست", "שלום abc", soup(r, 40)]);
    return { kind: "bidi", text: `${pick(r, BIDI)}${sprinkle(r, inner, BIDI, 3)}${pick(r, BIDI)}` };
  }
  if (roll < 0.44) return { kind: "invisible", text: sprinkle(r, soup(r, int(r, 3, 80)), [...ZERO_WIDTH, ...CONTROLS], 2) };
  if (roll < 0.54) return { kind: "emoji", text: Array.from({ length: int(r, 1, 30) }, () => pick(r, EMOJI)).join(r() < 0.5 ? "" : " ") };
  if (roll < 0.68) {
    const parts = Array.from({ length: int(r, 2, 6) }, () => digits(int(r, 100, 999_999), zero()));
    return { kind: "digits", text: parts.join(pick(r, [" ", ",", ".", "٫", "،", " x "])) };
  }
  if (roll < 0.86) {
    const template = pick(r, SALES[locale] ?? SALES.fr!);
    const text = template.replace("{q}", digits(int(r, 2, 40), zero())).replace("{p}", digits(int(r, 1, 250), zero()));
    return { kind: "sale", text: r() < 0.3 ? sprinkle(r, text, [...ZERO_WIDTH, ...BIDI], 6) : text };
  }
  if (roll < 0.9) return { kind: "long", text: soup(r, 5000).slice(0, 5000) };
  if (roll < 0.95) {
    const lone = pick(r, ["\ud800", "\udbff", "\udc00", "\udfff"]);
    return { kind: "surrogate", text: `a${lone}b ${soup(r, 10)}${lone}` };
  }
  return { kind: "blank", text: pick(r, [" ", "\u200b", "\u200f\u200e", "\t\n", "\u3000", "\ufeff", "\u00a0\u00a0"]) };
}
