/**
 * The announcement draft form's rules (console/pages/announcements/edit.ts, suggest.ts): every field is
 * kept whatever the button; an automatic draft becomes a version only when accepted; a hand-written
 * version replaces a draft; the languages asked for automatic drafts.
 */
import { describe, expect, it } from "vitest";
import { actionOf, applyForm } from "../../../src/console/pages/announcements/edit.ts";
import { audienceFrom, audienceValue, type Draft } from "../../../src/console/pages/announcements/draft.ts";
import { languagesToDraft } from "../../../src/console/pages/announcements/suggest.ts";

const ORIGINAL = "Formation jeudi à 10 h.";
const draft = (over: Partial<Draft> = {}): Draft => ({
  id: "d",
  createdById: "p",
  audience: { type: "alumni" },
  originalLocale: "fr",
  texts: { fr: ORIGINAL },
  suggestions: { uk: { text: "[fr→uk] Formation", source: ORIGINAL }, ar: { text: "[fr→ar] Formation", source: ORIGINAL } },
  broadcastId: null,
  updatedAt: new Date(0),
  ...over,
});

describe("the draft form", () => {
  it("reads its buttons, refusing unknown languages", () => {
    expect(actionOf("accept:uk")).toEqual({ kind: "accept", locale: "uk" });
    expect(actionOf("remove:xx")).toEqual({ kind: "save" });
    expect(actionOf("suggest")).toEqual({ kind: "suggest" });
    expect(actionOf(undefined)).toEqual({ kind: "save" });
  });

  it("never turns an automatic draft into a version on save, even edited; keeps her edit as a draft", () => {
    const { draft: next, accepted } = applyForm(draft(), { text: ORIGINAL, draft_uk: "Навчання в четвер о 10:00." }, { kind: "save" });
    expect(accepted).toBeUndefined();
    expect(next.texts).toEqual({ fr: ORIGINAL });
    expect(next.suggestions.uk).toEqual({ text: "Навчання в четвер о 10:00.", source: ORIGINAL, edited: true });
  });

  it("accepts one draft, with the words in the form, and only that one", () => {
    const { draft: next, accepted } = applyForm(draft(), { text: ORIGINAL, draft_uk: "Навчання в четвер.", draft_ar: "[fr→ar] Formation" }, { kind: "accept", locale: "uk" });
    expect(accepted).toEqual({ locale: "uk", edited: true });
    expect(next.texts).toEqual({ fr: ORIGINAL, uk: "Навчання в четвер." });
    expect(Object.keys(next.suggestions)).toEqual(["ar"]);
  });

  it("keeps everything typed whatever the button: the original, a new version (which replaces a draft), a discard", () => {
    const { draft: next } = applyForm(draft(), { text: "  Formation jeudi à 11 h. ", add_locale: "ar", add_text: "التدريب يوم الخميس" }, { kind: "discard", locale: "uk" });
    expect(next.texts).toEqual({ fr: "Formation jeudi à 11 h.", ar: "التدريب يوم الخميس" });
    expect(next.suggestions).toEqual({});
  });

  it("removes a version when asked or emptied, never the original", () => {
    const d = draft({ texts: { fr: ORIGINAL, es: "Formación el jueves.", pt: "Formação quinta." }, suggestions: {} });
    expect(applyForm(d, { text_es: "" }, { kind: "save" }).draft.texts).toEqual({ fr: ORIGINAL, pt: "Formação quinta." });
    expect(applyForm(d, {}, { kind: "remove", locale: "pt" }).draft.texts).toEqual({ fr: ORIGINAL, es: "Formación el jueves." });
    expect(applyForm(d, {}, { kind: "remove", locale: "fr" }).draft.texts.fr).toBe(ORIGINAL);
  });

  it("asks drafts for audience languages with neither version nor current draft; a draft she edited is kept", () => {
    const d = draft({
      texts: { fr: ORIGINAL, es: "Formación." },
      suggestions: { uk: { text: "old", source: "Ancien texte" }, ar: { text: "mine", source: "Ancien texte", edited: true }, fa: { text: "ok", source: ORIGINAL } },
    });
    expect(languagesToDraft(d, ["fr", "es", "uk", "ar", "fa", "ti"])).toEqual(["uk", "ti"]);
  });

  it("reads audiences as the chat names them, and nothing else", () => {
    for (const a of [{ type: "alumni" }, { type: "locale", locale: "ps" }, { type: "cohort", cohortId: "0b6a1f7e-9c1d-4c56-8f0e-1d2c3b4a5f60" }] as const) expect(audienceFrom(audienceValue(a))).toEqual(a);
    expect(audienceFrom("locale:xx")).toBeNull();
    expect(audienceFrom("cohort:1 OR 1=1")).toBeNull();
    expect(audienceFrom("everyone")).toBeNull();
  });
});
