import type { i18n as I18n, TFunction } from "i18next";
import { AppError } from "../../core/errors.ts";
import type { Choice, TemplateIntent } from "../../core/intent.ts";
import { LOCALES, type Locale } from "../../core/locales.ts";
import { BODY_MAX, templateParameter } from "./render.ts";
import { truncate } from "../../core/split-text.ts";

/**
 * The approved WhatsApp templates, in one place: every kind of message we may send outside the
 * 24-hour window. Texts come from translation keys `templates.<kind>.body` (Meta-style `{{1}}`
 * placeholders), `.header`, `.buttons.<key>` and `.examples` (sample values for Meta's review,
 * separated by `|`). `whatsappTemplates(i18n)` produces what to submit to Meta;
 * `templateIntent(...)` what to send. Changing a text means a new version: bump the name suffix.
 */
export type TemplateKind = "reminder" | "announcement" | "check_in" | "roadmap_ready" | "application_decision";

interface TemplateDef {
  name: string;
  /** How many body parameters ({{1}}…{{n}}) the template takes. */
  params: number;
  header?: boolean;
  /** Quick-reply buttons: the choice id sent back, and the key of the label under `.buttons`. */
  buttons: { id: string; key: string }[];
}

export const TEMPLATES: Record<TemplateKind, TemplateDef> = {
  /** {{1}} session title, {{2}} local date and time, {{3}} place. */
  reminder: {
    name: "migracoop_reminder_v1",
    params: 3,
    buttons: [
      { id: "rsvp:yes", key: "yes" },
      { id: "rsvp:no", key: "no" },
      { id: "rsvp:maybe", key: "maybe" },
    ],
  },
  /** {{1}} the coordinator's text (flattened to one line: Meta refuses line breaks in parameters). */
  announcement: { name: "migracoop_announcement_v1", params: 1, header: true, buttons: [] },
  check_in: {
    name: "migracoop_check_in_v1",
    params: 0,
    buttons: [
      { id: "checkin:start", key: "start" },
      { id: "checkin:later", key: "later" },
      { id: "checkin:help", key: "help" },
    ],
  },
  roadmap_ready: { name: "migracoop_roadmap_ready_v1", params: 0, buttons: [{ id: "roadmap:show", key: "show" }] },
  application_decision: { name: "migracoop_application_decision_v1", params: 0, buttons: [{ id: "application:show", key: "show" }] },
};

export const TEMPLATE_KINDS = Object.keys(TEMPLATES) as TemplateKind[];

/**
 * Meta's template language for each of our locales, and whose texts it carries.
 * - fa: our "fa" texts are Dari (دری, see LOCALE_NAMES), which Meta lists as `prs_AF`.
 * - ps: Pashto is `ps_AF`.
 * - pt: `pt_PT`. Our Portuguese readers are mostly from Angola, Guinea-Bissau, Cape Verde and
 *   Mozambique, where European Portuguese is the written norm, and pt.json follows it ("o seu idioma").
 * - ti: Tigrinya has no WhatsApp template language. Tigrinya speakers get the English template
 *   (English is the language of secondary school in Eritrea, more often read than Arabic or Amharic);
 *   its buttons bring them back into the 24-hour window, where the conversation goes on in Tigrinya.
 */
export const TEMPLATE_LANGUAGES: Record<Locale, { code: string; texts: Locale }> = {
  fr: { code: "fr", texts: "fr" },
  en: { code: "en", texts: "en" },
  ar: { code: "ar", texts: "ar" },
  fa: { code: "prs_AF", texts: "fa" },
  ps: { code: "ps_AF", texts: "ps" },
  ti: { code: "en", texts: "en" },
  es: { code: "es", texts: "es" },
  pt: { code: "pt_PT", texts: "pt" },
  ru: { code: "ru", texts: "ru" },
  uk: { code: "uk", texts: "uk" },
  bn: { code: "bn", texts: "bn" },
};

/** Meta's limits for template creation. */
export const TEMPLATE_BUTTON_MAX = 25;
export const TEMPLATE_HEADER_MAX = 60;

/** A template as Meta's `POST /{waba-id}/message_templates` expects it. */
export interface MetaTemplateDefinition {
  name: string;
  language: string;
  category: "UTILITY";
  components: (
    | { type: "HEADER"; format: "TEXT"; text: string }
    | { type: "BODY"; text: string; example?: { body_text: string[][] } }
    | { type: "BUTTONS"; buttons: { type: "QUICK_REPLY"; text: string }[] }
  )[];
}

/**
 * Every template in every WhatsApp language, ready to submit to Meta (one per name and language).
 * Throws an AppError naming the template when a text breaks Meta's rules (placeholders, lengths).
 */
export function whatsappTemplates(i18n: I18n): MetaTemplateDefinition[] {
  const out: MetaTemplateDefinition[] = [];
  const done = new Set<string>();
  for (const locale of LOCALES) {
    const { code, texts } = TEMPLATE_LANGUAGES[locale];
    if (done.has(code)) continue;
    done.add(code);
    const raw = (key: string) => i18n.t(key, { lng: texts, skipInterpolation: true }) as string;
    for (const kind of TEMPLATE_KINDS) {
      const def = TEMPLATES[kind];
      const where = `${def.name} (${code})`;
      const body = raw(`templates.${kind}.body`);
      checkPlaceholders(body, def.params, where);
      if (body.length > BODY_MAX) throw new AppError("template.invalid", `${where}: body is longer than ${BODY_MAX}`);
      const components: MetaTemplateDefinition["components"] = [];
      if (def.header) {
        const text = raw(`templates.${kind}.header`);
        if (text.length > TEMPLATE_HEADER_MAX || /[\n*_~]/u.test(text)) {
          throw new AppError("template.invalid", `${where}: header must be one plain line of at most ${TEMPLATE_HEADER_MAX}`);
        }
        components.push({ type: "HEADER", format: "TEXT", text });
      }
      const examples = def.params > 0 ? raw(`templates.${kind}.examples`).split("|").map((s) => s.trim()) : [];
      if (examples.length !== def.params) throw new AppError("template.invalid", `${where}: expected ${def.params} examples`);
      components.push({ type: "BODY", text: body, ...(def.params > 0 ? { example: { body_text: [examples] } } : {}) });
      if (def.buttons.length > 0) {
        const buttons = def.buttons.map((b) => {
          const text = raw(`templates.${kind}.buttons.${b.key}`);
          if (text.length > TEMPLATE_BUTTON_MAX) throw new AppError("template.invalid", `${where}: button "${text}" is longer than ${TEMPLATE_BUTTON_MAX}`);
          return { type: "QUICK_REPLY" as const, text };
        });
        components.push({ type: "BUTTONS", buttons });
      }
      out.push({ name: def.name, language: code, category: "UTILITY", components });
    }
  }
  return out;
}

function checkPlaceholders(body: string, params: number, where: string): void {
  const found = [...body.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1]);
  const expected = Array.from({ length: params }, (_, i) => String(i + 1));
  if (found.length !== params || expected.some((p, i) => found[i] !== p)) {
    throw new AppError("template.invalid", `${where}: body must use {{1}}…{{${params}}} once each, in order (found ${found.join(", ") || "none"})`);
  }
}

/**
 * The intent for a template message to a person in `locale`: name and Meta language from the tables
 * above, parameters shortened so the filled body stays within 1024, quick replies as choices, and the
 * same message as plain text in the person's own language for channels without templates.
 *
 * @example templateIntent("reminder", "fr", ["Atelier vente", "mardi 14 mai, 10 h", "Ground Control"], t)
 */
export function templateIntent(kind: TemplateKind, locale: Locale, params: string[], t: TFunction): TemplateIntent {
  const def = TEMPLATES[kind];
  if (params.length !== def.params) {
    throw new AppError("template.params", `${def.name} takes ${def.params} parameters, got ${params.length}`, { kind });
  }
  const lang = TEMPLATE_LANGUAGES[locale];
  const templateBody = t(`templates.${kind}.body`, { lng: lang.texts, skipInterpolation: true }) as string;
  const parameters = fitParameters(templateBody, params.map(templateParameter), BODY_MAX);
  const vars = Object.fromEntries(params.map((p, i) => [String(i + 1), p]));
  const body = t(`templates.${kind}.body`, { lng: locale, ...vars }) as string;
  const header = def.header ? (t(`templates.${kind}.header`, { lng: locale }) as string) : undefined;
  const buttons: Choice[] = def.buttons.map((b) => ({ id: b.id, label: t(`templates.${kind}.buttons.${b.key}`, { lng: locale }) as string }));
  return {
    type: "template",
    name: def.name,
    language: lang.code,
    parameters,
    ...(buttons.length > 0 ? { buttons } : {}),
    text: header ? `${header}\n\n${body}` : body,
  };
}

/** Shortens the longest parameters until the body, once filled, fits `max` (Meta error 132005 otherwise). */
export function fitParameters(templateBody: string, params: string[], max: number): string[] {
  const fixed = templateBody.replace(/\{\{\s*\w+\s*\}\}/gu, "").length;
  const out = [...params];
  let over = fixed + out.reduce((n, p) => n + p.length, 0) - max;
  while (over > 0) {
    const i = out.reduce((longest, p, j) => (p.length > out[longest]!.length ? j : longest), 0);
    const current = out[i]!;
    if (current.length <= 1) break;
    const next = truncate(current, Math.max(1, current.length - over));
    over -= current.length - next.length;
    out[i] = next;
  }
  return out;
}
