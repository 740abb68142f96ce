import type { Intent } from "../core/intent.ts";
import type { OutgoingRow } from "../core/channel.ts";
import type { Locale } from "../core/locales.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { AppDeps } from "../deps.ts";
import type { Reply, Say } from "../engine/types.ts";
import { renderFor } from "../i18n/render.ts";
import { translateForBridge } from "../bridge/translate.ts";

/**
 * A translation an outbound row still waits for, stored beside its intent (`intent.translate`, as
 * `intent.template`): the row's intent is the message as written (what goes when the translation
 * cannot be had), and `reply` is the message with the translation, rendered once it is there.
 *
 * Why at sending time, in the outbox, and not where the row is made: rows are made inside the turn's
 * database transaction (app/turn/handle-inbound.ts), and a provider may take up to TRANSLATE_TIMEOUT_MS
 * (5 s) to answer; waiting there would hold the transaction, the person's lock and their later
 * messages. Here the row is already committed (it cannot be lost), the send is claimed (it goes once),
 * and the platform's pace is taken only after the translation, so a slow provider delays this one
 * message, never the others' turn.
 */
export interface PendingTranslation {
  /** Only the message's words: what the provider receives (never a name or an address). */
  text: string;
  /** The writer's language: their detected language, else their locale. */
  from: string;
  /** The recipient's language, in which `reply` is rendered. */
  to: Locale;
  /** Whose words these are: the cached translation is erased with their data. */
  ownerId: string | null;
  /** The writer, when not the owner (a coordinator answering): their name is kept from the provider too. */
  writerId?: string | null;
  /** The reply with the translation: each of its sentences gets it as `{{translation}}`. */
  reply: Reply;
}

/** What the sender stores for a message someone's words may need translating in (outbox/notify-people.ts). */
export interface TranslationRequest {
  text: string;
  from: string;
  ownerId: string | null;
  /** The writer, when not the owner (a coordinator answering a participant). */
  writerId?: string | null;
  /** Rendered instead of the notice's reply when the translation comes. */
  translated: Reply;
}

/**
 * The pending translation for one recipient, or undefined when there is nothing to do: translation
 * is off (no provider), the message has no words, or the recipient reads the writer's language.
 */
export function pendingFor(deps: Pick<AppDeps, "translate">, request: TranslationRequest | undefined, to: Locale): PendingTranslation | undefined {
  if (!deps.translate || !request || request.text.trim() === "" || request.from === to) return undefined;
  return { text: request.text, from: request.from, to, ownerId: request.ownerId, ...(request.writerId ? { writerId: request.writerId } : {}), reply: request.translated };
}

/**
 * The intent to send for a claimed row: when it waits for a translation, asks for it (within the
 * deadline, never throwing) and renders the message with it, or keeps the message as written when
 * it failed, was too slow, or was not needed. Either way the row is rewritten with what goes, so a
 * send retried later sends the same words.
 */
export async function settleTranslation(
  deps: Pick<AppDeps, "prisma" | "i18n" | "translate" | "log">,
  row: { id: string; purpose: string; intent: unknown; personId?: string | null },
): Promise<OutgoingRow["intent"]> {
  const stored = row.intent as OutgoingRow["intent"] & { translate?: PendingTranslation };
  const pending = stored.translate;
  if (!pending) return stored;
  const { translate: _pending, ...asWritten } = stored;
  // Through the bridge: nothing when the person refused translation; names and numbers of the owner,
  // the writer and the reader kept from the provider.
  const translated = await translateForBridge(deps, {
    text: pending.text,
    from: pending.from,
    to: pending.to,
    ownerId: pending.ownerId,
    people: [pending.writerId, row.personId],
    use: row.purpose,
  });
  const intent: Intent = translated && "text" in translated && translated.text !== undefined ? renderFor(deps, pending.to, withTranslation(pending.reply, translated.text)) : asWritten;
  await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { intent: intent as unknown as Prisma.InputJsonValue } });
  return intent;
}

/** The reply with `translation` as a parameter of each of its sentences. */
function withTranslation(reply: Reply, translation: string): Reply {
  const add = (s: Say): Say => ({ ...s, params: { ...s.params, translation } });
  if (reply.type !== "text" && reply.type !== "choices") return reply;
  return { ...reply, say: add(reply.say), ...(reply.lines ? { lines: reply.lines.map(add) } : {}) };
}
