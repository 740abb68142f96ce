import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "../../core/locales.ts";
import { choices, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import { refuse } from "./refuse.ts";
import { saysStop } from "./team-words.ts";
import { audienceIn, toldTo } from "./broadcast-words.ts";
import type { Audience, BroadcastDraft, EngineResult, Reply } from "../types.ts";
import { workload } from "../workload.ts";

export const BROADCAST = "broadcast";
/** The preview's "send" choice; not offered when the audience is empty (app/replies/broadcast-preview.ts). */
export const BROADCAST_SEND = "bc:send";

/** Longest announcement kept (a WhatsApp text is at most 4,096 characters; templates take less). */
export const MAX_BROADCAST_CHARS = 1500;

const at = (step: string, draft: BroadcastDraft) => ({ flow: BROADCAST, step, data: { draft } });

/**
 * The announcement typed with the request ("envoie un message à tous : pas de formation lundi"): what
 * follows a colon that ends a short request. A colon inside a time ("14:00") is not one.
 */
export function announcementIn(typed: string | undefined): string | undefined {
  const m = /^[^:：\n]{3,60}?\s*[:：]\s+([\s\S]+)$/u.exec(typed?.trim() ?? "");
  const body = m?.[1]?.trim() ?? "";
  return [...body].length >= 3 && [...body].length <= MAX_BROADCAST_CHARS ? body : undefined;
}

/** Coordinators only (deny by default, audited). A message typed with the request is kept: only its audience is asked. */
export function startBroadcast(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "broadcast");
  const originalLocale = turn.person.locale ?? turn.defaultLocale;
  const words = turn.choiceId ? undefined : turn.event.text;
  const typed = announcementIn(words);
  // "annonce aux candidats : …", "dis à tout le monde que …": the audience named, its text kept; the preview still comes before sending.
  const told = typed ? { head: words!.slice(0, words!.length - typed.length), body: typed } : words ? toldTo(words) : undefined;
  const audience = told ? audienceIn(told.head, workload(turn.context).cohorts) : undefined;
  const draft: BroadcastDraft = { originalLocale, texts: told ? { [originalLocale]: told.body } : {} };
  return audience && told ? afterAudience({ ...draft, audience }) : askAudience(turn, draft);
}

/** An announcement started from words already typed (her "make it an announcement"): only its audience is asked. */
export function startBroadcastWith(turn: Turn, words: string): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "broadcast");
  const originalLocale = turn.person.locale ?? turn.defaultLocale;
  return askAudience(turn, { originalLocale, texts: words ? { [originalLocale]: words.slice(0, MAX_BROADCAST_CHARS) } : {} });
}

function askAudience(turn: Turn, draft: BroadcastDraft): EngineResult {
  const cohorts = workload(turn.context).cohorts.slice(0, 6).map((c) => ({ id: `bc:aud:cohort:${c.id}`, label: `🏠 ${c.name}` }));
  const typed = draft.texts[draft.originalLocale];
  return reply(at("audience", draft), [
    choices(typed ? "broadcast.ask_audience_kept" : "broadcast.ask_audience", [
      ...cohorts,
      option("bc:aud:participants", "broadcast.audience.participants"),
      option("bc:aud:alumni", "broadcast.audience.alumni"),
      option("bc:aud:applicants", "broadcast.audience.applicants"),
      option("bc:aud:locale", "broadcast.audience.locale"),
    ], typed ? { text: typed } : undefined),
  ]);
}

/** Once the audience is known: the message, unless it came with the request. */
const afterAudience = (draft: BroadcastDraft) => (draft.texts[draft.originalLocale] ? askMore(draft) : askText(draft, draft.originalLocale));

const languageChoices = (prefix: string, except: Locale[] = []) => LOCALES.filter((l) => !except.includes(l)).map((l) => ({ id: `${prefix}${l}`, label: LOCALE_NAMES[l] }));

const askText = (draft: BroadcastDraft, locale: Locale) =>
  reply(at("text", { ...draft, writing: locale }), [text("broadcast.ask_text", { language: LOCALE_NAMES[locale] })]);

function askMore(draft: BroadcastDraft): EngineResult {
  return reply(at("more", draft), [
    choices("broadcast.ask_more", [option("bc:preview", "broadcast.preview_button"), option("bc:add", "broadcast.add_version"), option("bc:cancel", "broadcast.cancel")]),
  ]);
}

function preview(draft: BroadcastDraft): Reply {
  return { type: "broadcast_preview", draft, choices: [option(BROADCAST_SEND, "broadcast.send"), option("bc:edit", "broadcast.edit"), option("bc:cancel", "broadcast.cancel")] };
}

/**
 * "Is this the message to send? «…»": words typed as the message that may not be one ("oups annule",
 * "décale jeudi à vendredi"), kept until she says, never sent unasked.
 */
export function askIsText(turn: Turn): EngineResult {
  const draft = turn.conversation.data["draft"] as BroadcastDraft;
  const body = (turn.event.text ?? "").trim().slice(0, MAX_BROADCAST_CHARS);
  const locale = draft.writing ?? draft.originalLocale;
  return reply(at("text_check", { ...draft, texts: { ...draft.texts, [locale]: body }, writing: locale }), [
    choices("broadcast.is_text", [option("bc:textok", "broadcast.is_text_yes"), option("bc:cancel", "broadcast.cancel")], { text: body }),
  ]);
}

/** Handles a turn inside the broadcast flow: audience, text, other versions, preview, confirmation. */
export function continueBroadcast(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return startBroadcast(turn);
  const draft = turn.conversation.data["draft"] as BroadcastDraft;
  const id = turn.choiceId ?? "";
  if (id === "bc:cancel" || turn.command === "undo") return idle([text("broadcast.cancelled")]);
  switch (turn.conversation.step) {
    case "audience": {
      if (id === "bc:aud:locale") return reply(at("audience_locale", draft), [choices("broadcast.ask_locale", languageChoices("bc:al:"))]);
      const audience: Audience | undefined = id.startsWith("bc:aud:cohort:")
        ? { type: "cohort", cohortId: id.slice("bc:aud:cohort:".length) }
        : id === "bc:aud:participants"
          ? { type: "participants" }
          : id === "bc:aud:alumni"
            ? { type: "alumni" }
            : id === "bc:aud:applicants"
              ? { type: "applicants" }
              : undefined;
      // "oups annule" at "to whom?": the announcement stops.
      if (!audience && !turn.choiceId && saysStop(turn.event.text ?? "", turn.understood?.slots.answer)) return idle([text("broadcast.cancelled")]);
      if (!audience) return askAudience(turn, draft);
      return afterAudience({ ...draft, audience });
    }
    case "audience_locale": {
      const locale = id.slice("bc:al:".length);
      if (!id.startsWith("bc:al:") || !isLocale(locale)) return askAudience(turn, draft);
      return afterAudience({ ...draft, audience: { type: "locale", locale } });
    }
    case "text": {
      const body = (turn.event.text ?? "").trim();
      if (!body || turn.choiceId) return askText(draft, draft.writing ?? draft.originalLocale);
      if ([...body].length > MAX_BROADCAST_CHARS) return reply(at("text", draft), [text("broadcast.too_long", { max: MAX_BROADCAST_CHARS })]);
      // "oups annule", "non laisse tomber": asked whether that is the message, never sent unasked as one.
      if (saysStop(body, turn.understood?.slots.answer)) return askIsText(turn);
      return askMore({ ...draft, texts: { ...draft.texts, [draft.writing ?? draft.originalLocale]: body }, writing: undefined });
    }
    case "text_check": {
      if (id === "bc:textok") return askMore({ ...draft, writing: undefined });
      // Other words typed instead: they are the message.
      if (!turn.choiceId && turn.event.text?.trim()) return continueBroadcast({ ...turn, conversation: at("text", draft) });
      return reply(turn.conversation, [choices("broadcast.is_text", [option("bc:textok", "broadcast.is_text_yes"), option("bc:cancel", "broadcast.cancel")], { text: draft.texts[draft.writing ?? draft.originalLocale] ?? "" })]);
    }
    case "more": {
      if (id === "bc:add") {
        const done = Object.keys(draft.texts) as Locale[];
        return reply(at("version_locale", draft), [choices("broadcast.ask_version_locale", languageChoices("bc:vl:", done))]);
      }
      if (id === "bc:preview") return reply(at("preview", draft), [preview(draft)]);
      return askMore(draft);
    }
    case "version_locale": {
      const locale = id.slice("bc:vl:".length);
      if (!id.startsWith("bc:vl:") || !isLocale(locale)) return askMore(draft);
      return askText(draft, locale);
    }
    case "preview":
      if (id === BROADCAST_SEND) {
        return idle([text("broadcast.started")], [
          { type: "create_broadcast", draft: { audience: draft.audience!, originalLocale: draft.originalLocale, texts: draft.texts } },
          { type: "audit", action: "broadcast.sent" },
        ]);
      }
      if (id === "bc:edit") return askText(draft, draft.originalLocale);
      return reply(at("preview", draft), [preview(draft)]);
    default:
      return askAudience(turn, draft);
  }
}
