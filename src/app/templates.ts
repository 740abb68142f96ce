import { TEMPLATES, templateIntent, type TemplateKind } from "../channels/whatsapp/templates.ts";
import type { Intent, TemplateIntent } from "../core/intent.ts";
import type { Locale } from "../core/locales.ts";
import type { AppDeps } from "./deps.ts";

/**
 * Which approved template carries each kind of message outside WhatsApp's 24-hour window.
 * A reply to something the person just wrote never needs one; a kind missing here fails clearly.
 */
export const PURPOSE_TEMPLATES: Record<string, TemplateKind> = {
  reminder: "reminder",
  announcement: "announcement",
  coordinator_alert: "announcement",
  relay: "announcement",
  relay_answer: "announcement",
  check_in: "check_in",
  roadmap_ready: "roadmap_ready",
  application_decision: "application_decision",
};

/** Parameters a sender stores beside the intent, for the template to use if the window is closed. */
export interface TemplateParams {
  params: string[];
}

/**
 * The template version of an outbound message, or undefined when its kind has none. Templates with
 * one parameter and no stored parameters (announcements) take the message's own text.
 */
export function templateFor(deps: Pick<AppDeps, "i18n">, purpose: string, intent: Intent & { template?: TemplateParams }, locale: Locale): TemplateIntent | undefined {
  const kind = PURPOSE_TEMPLATES[purpose];
  if (!kind) return undefined;
  const expected = TEMPLATES[kind].params;
  let params = intent.template?.params;
  if (!params && expected === 0) params = [];
  if (!params && expected === 1 && (intent.type === "text" || intent.type === "choices")) params = [intent.text];
  if (!params || params.length !== expected) return undefined;
  return templateIntent(kind, locale, params, deps.i18n.getFixedT(locale));
}
