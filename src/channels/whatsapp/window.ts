import type { OutboundRules } from "../../core/channel.ts";
import { TEMPLATES, templateIntent, type TemplateKind } from "./templates.ts";

/** WhatsApp's customer-service window: free-form messages only within 24 h of the person's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * True when only a template can reach the person: they never wrote, or not in the last 24 hours.
 * A send that races the window's end fails with 131047, classified "template", so no margin is kept here.
 */
export function requiresTemplate(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt === null || now.getTime() - lastInboundAt.getTime() >= WINDOW_MS;
}

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

/**
 * WhatsApp's rules, decided here only: the window, the template of each kind of message (templates
 * with one parameter and no stored parameters, announcements, take the message's own text), and the
 * resend as a template of a message that failed with 131047 (the window closed before delivery).
 */
export const whatsappRules: OutboundRules = {
  windowClosed: requiresTemplate,
  outsideWindow(row, i18n) {
    const kind = PURPOSE_TEMPLATES[row.purpose];
    if (!kind || row.intent.type === "template") return undefined;
    const expected = TEMPLATES[kind].params;
    let params = row.intent.template?.params;
    if (!params && expected === 0) params = [];
    if (!params && expected === 1 && (row.intent.type === "text" || row.intent.type === "choices")) params = [row.intent.text];
    if (!params || params.length !== expected) return undefined;
    return templateIntent(kind, row.locale, params, i18n.getFixedT(row.locale));
  },
  closedOnDelivery: (status) => status.status === "failed" && status.errorCode === "whatsapp.131047",
};
