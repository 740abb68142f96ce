import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import { cleanWords } from "../../../src/engine/flows/enrol.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, MessageEvent, PersonView } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

/**
 * The enrolment's answer cleaning: an answer is kept on one line without the invisible characters that
 * hide or reorder text (direction marks and overrides, zero-width spaces), while the zero-width
 * non-joiner and joiner that Persian and Bengali spelling (and emoji) need stay inside words.
 */
const ZWNJ = "\u200c";
const ZWJ = "\u200d";

describe("cleanWords", () => {
  it.each([
    // Persian and Dari: the non-joiner between a prefix or suffix and its word is spelling.
    ["Persian می‌خواهم", `می${ZWNJ}خواهم آشپزی کنم`, `می${ZWNJ}خواهم آشپزی کنم`],
    ["Persian plural and suffix", `غذاهای خانگی${ZWNJ}ام را می${ZWNJ}فروشم`, `غذاهای خانگی${ZWNJ}ام را می${ZWNJ}فروشم`],
    // Bengali: ZWJ before the hasanta gives the ra-phala form (র‍্যাব), ZWNJ keeps a conjunct apart (ক্‌ষ).
    ["Bengali ZWJ (র‍্যাব)", `র${ZWJ}্যাব রান্না`, `র${ZWJ}্যাব রান্না`],
    ["Bengali ZWNJ (ক্‌ষ)", `ক্${ZWNJ}ষ আমি রান্না করতে চাই`, `ক্${ZWNJ}ষ আমি রান্না করতে চাই`],
    ["an emoji sequence", `👩${ZWJ}🍳 traiteur`, `👩${ZWJ}🍳 traiteur`],
    // Arabic, with the marks phones and copied text carry around it.
    ["Arabic as typed", "أريد فتح مطعم صغير", "أريد فتح مطعم صغير"],
    ["Arabic wrapped in RLM and an embedding", "\u200f\u202bأريد فتح مطعم\u202c\u200f", "أريد فتح مطعم"],
    ["Arabic letter mark and isolates", "\u2067مطعم\u061c 12\u2069", "مطعم 12"],
    // What the cleaning exists for: one line, nothing invisible that hides or reorders the words.
    ["line breaks and tabs", "Cuisine\nsénégalaise\r\n\ttraiteur", "Cuisine sénégalaise traiteur"],
    ["a right-to-left override", "abc\u202edcba\u202c", "abcdcba"],
    ["zero-width space, word joiner and BOM", "\ufeffCui\u200bsine\u2060 du monde", "Cuisine du monde"],
    ["C1 controls and line separators", "Cuisine\u0085du\u2028monde", "Cuisine du monde"],
    // Joiners that join nothing: at the ends, next to a space, doubled.
    ["joiners at the ends", `${ZWNJ}${ZWJ}می${ZWNJ}خواهم${ZWNJ}`, `می${ZWNJ}خواهم`],
    ["joiners beside spaces", `کار ${ZWNJ}خانه${ZWJ} من`, "کار خانه من"],
    ["a run of joiners keeps one", `می${ZWNJ}${ZWNJ}${ZWJ}خواهم`, `می${ZWNJ}خواهم`],
    ["only invisible characters", `\u200f${ZWNJ}\u200b ${ZWJ}\u202e`, ""],
    ["spaces folded", "  deux   mots  ", "deux mots"],
  ])("%s", (_name, typed, cleaned) => {
    expect(cleanWords(typed)).toBe(cleaned);
  });
});

describe("a Persian project description in the enrolment", () => {
  let reader: Reader;
  beforeAll(async () => {
    reader = (await realTexts()).reader;
  });
  const person: PersonView = { locale: "fa", localeConfirmed: true, role: "participant", stage: "newcomer", optedOut: false, firstName: "Zahra", timezone: "Europe/Paris" };
  const atProject: Conversation = { flow: "enrol", step: "project", data: { answers: {}, history: [], tries: 0, editing: false } };
  const project = (event: Partial<MessageEvent>) =>
    step({ person, conversation: atProject, context: { hasConsent: true, application: null }, event: { type: "message", ...event }, now: new Date("2026-12-01T09:00:00Z"), defaultLocale: "fr" }, reader).effects;
  const WORDS = `می${ZWNJ}خواهم یک آشپزخانه کوچک باز کنم`;

  it("is saved with its spelling, typed or heard in a voice note", () => {
    expect(project({ text: `\u200f${WORDS}\n` })).toContainEqual({ type: "save_answer", key: "project", value: WORDS });
    expect(project({ media: { type: "voice", id: "m1" }, transcript: WORDS })).toContainEqual({ type: "save_answer", key: "project", value: `🎤 ${WORDS}` });
  });
});
