import { isLocale, type Locale } from "../../../core/locales.ts";
import type { AppDeps } from "../../../deps.ts";
import { audienceAllowed, audienceFrom, json, lockDraft, type Draft, type Suggestion } from "./draft.ts";
import type { Scope } from "../../scope.ts";

/** What the draft form sends: the audience, the original, each version and automatic draft, a version to add, and which button. */
export type DraftForm = Record<string, unknown>;

/** The draft form's buttons: save; ask for automatic drafts; accept, discard or remove one language's text. */
export type DraftAction = { kind: "save" } | { kind: "suggest" } | { kind: "accept" | "discard" | "remove"; locale: Locale };

export function actionOf(value: unknown): DraftAction {
  const [kind, locale] = typeof value === "string" ? value.split(":") : [];
  if ((kind === "accept" || kind === "discard" || kind === "remove") && isLocale(locale)) return { kind, locale };
  return kind === "suggest" ? { kind: "suggest" } : { kind: "save" };
}

export type EditOutcome = "saved" | "accepted" | "discarded" | "removed" | "bad_audience" | "gone";

const field = (form: DraftForm, name: string): string | undefined => {
  const v = form[name];
  return typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : undefined;
};

/**
 * The draft as the form leaves it: every field is applied whatever the button (so nothing typed is
 * lost), then the button's own change. An empty version goes; an automatic draft the coordinator
 * changed keeps her words (`edited`) and stays a draft until she accepts it: accepting is the only
 * way a machine's words become a version that is sent.
 */
export function applyForm(draft: Draft, form: DraftForm, action: DraftAction): { draft: Draft; accepted?: { locale: Locale; edited: boolean } } {
  const asked = field(form, "original_locale");
  const originalLocale = isLocale(asked) ? asked : draft.originalLocale;
  const texts: Partial<Record<Locale, string>> = { ...draft.texts };
  const suggestions: Partial<Record<Locale, Suggestion>> = { ...draft.suggestions };

  const original = field(form, "text");
  if (original !== undefined) {
    if (originalLocale !== draft.originalLocale) delete texts[draft.originalLocale];
    if (original) texts[originalLocale] = original;
    else delete texts[originalLocale];
  }
  for (const l of Object.keys(draft.texts) as Locale[]) {
    if (l === originalLocale || l === draft.originalLocale) continue;
    const v = field(form, `text_${l}`);
    if (v === undefined) continue;
    if (v) texts[l] = v;
    else delete texts[l];
  }
  for (const [l, s] of Object.entries(draft.suggestions) as [Locale, Suggestion][]) {
    const v = field(form, `draft_${l}`);
    if (v === undefined || v === s.text) continue;
    if (v) suggestions[l] = { ...s, text: v, edited: true };
    else delete suggestions[l];
  }
  const addLocale = field(form, "add_locale");
  const addText = field(form, "add_text");
  if (isLocale(addLocale) && addText && !texts[addLocale]) {
    texts[addLocale] = addText;
    delete suggestions[addLocale];
  }
  // A version written by hand replaces an automatic draft of the same language.
  for (const l of Object.keys(texts) as Locale[]) delete suggestions[l];

  let accepted: { locale: Locale; edited: boolean } | undefined;
  if (action.kind === "accept") {
    const s = suggestions[action.locale];
    if (s && action.locale !== originalLocale) {
      texts[action.locale] = s.text;
      accepted = { locale: action.locale, edited: !!s.edited };
    }
    delete suggestions[action.locale];
  } else if (action.kind === "discard") {
    delete suggestions[action.locale];
  } else if (action.kind === "remove" && action.locale !== originalLocale) {
    delete texts[action.locale];
  }
  return { draft: { ...draft, originalLocale, texts, suggestions }, ...(accepted ? { accepted } : {}) };
}

/**
 * Saves the draft form (audience, texts, the button's change) in one transaction, the row locked;
 * an accepted automatic draft is audited. An audience the viewer may not use is not saved
 * (`bad_audience`), the rest is.
 */
export async function saveDraftForm(deps: AppDeps, viewer: { id: string }, scope: Scope, id: string, form: DraftForm, action: DraftAction): Promise<EditOutcome> {
  return deps.prisma.$transaction(async (tx) => {
    const draft = await lockDraft(tx, viewer.id, id, deps.defaultLocale);
    if (!draft || draft.broadcastId) return "gone";
    const { draft: next, accepted } = applyForm(draft, form, action);
    let outcome: EditOutcome = action.kind === "accept" ? (accepted ? "accepted" : "saved") : action.kind === "discard" ? "discarded" : action.kind === "remove" ? "removed" : "saved";
    if (form["audience"] !== undefined && form["audience"] !== "") {
      const audience = audienceFrom(form["audience"]);
      if (audience && (await audienceAllowed(tx, scope, deps.now(), audience))) next.audience = audience;
      else outcome = "bad_audience";
    }
    await tx.announcementDraft.update({
      where: { id },
      data: { audience: next.audience ? json(next.audience) : undefined, originalLocale: next.originalLocale, texts: json(next.texts), suggestions: json(next.suggestions) },
    });
    if (accepted) {
      await tx.auditLog.create({ data: { actorId: viewer.id, action: "announcement.draft_accepted", subject: id, details: { locale: accepted.locale, edited: accepted.edited } } });
    }
    return outcome;
  });
}

/** A new draft from the compose form: its audience (when allowed), the original's language and text. */
export async function createDraft(deps: AppDeps, viewer: { id: string; locale: string | null }, scope: Scope, form: DraftForm): Promise<{ id: string; outcome: "saved" | "bad_audience" }> {
  const asked = field(form, "original_locale");
  const originalLocale: Locale = isLocale(asked) ? asked : isLocale(viewer.locale) ? viewer.locale : deps.defaultLocale;
  const text = field(form, "text") ?? "";
  const audience = audienceFrom(form["audience"]);
  const allowed = audience ? await audienceAllowed(deps.prisma, scope, deps.now(), audience) : false;
  const row = await deps.prisma.announcementDraft.create({
    data: { createdById: viewer.id, originalLocale, texts: json(text ? { [originalLocale]: text } : {}), ...(audience && allowed ? { audience: json(audience) } : {}) },
  });
  return { id: row.id, outcome: audience && !allowed ? "bad_audience" : "saved" };
}
