import { beforeAll, describe, expect, it } from "vitest";
import type { i18n as I18n } from "i18next";
import { fitParameters, templateIntent, TEMPLATE_KINDS, TEMPLATES, whatsappTemplates } from "../../../../src/channels/whatsapp/templates.ts";
import { renderWhatsApp } from "../../../../src/channels/whatsapp/render.ts";
import { LOCALES } from "../../../../src/core/locales.ts";
import { createI18n, translatorFor, type Resources } from "../../../../src/i18n/i18n.ts";

/** The template texts proposed for locales/fr.json and en.json (the real files are not ours to edit). */
const fr = {
  templates: {
    reminder: {
      body: "⏰ Bonjour ! Petit rappel pour votre journée de formation : {{1}}\n📅 Quand : {{2}}\n📍 Où : {{3}}\n\nVous venez ? Répondez avec un bouton ci-dessous.",
      examples: "Vendre au marché|mardi 14 mai, 10 h 00|Ground Control, 81 rue du Charolais, Paris",
      buttons: { yes: "Je viens", no: "Je ne peux pas venir", maybe: "Je ne sais pas encore" },
    },
    announcement: {
      header: "Message de votre coordination",
      body: "📢 {{1}}\n\n💬 Si vous avez une question, vous pouvez répondre à ce message.",
      examples: "La formation de jeudi commence à 10 h au lieu de 9 h 30.",
    },
    check_in: {
      body: "👋 Bonjour, ici Migracoop ! Où en est votre projet ? Nous aimerions vous poser quelques questions courtes.",
      buttons: { start: "Oui, allons-y", later: "Plus tard", help: "J'ai besoin d'aide" },
    },
    roadmap_ready: {
      body: "📘 Votre feuille de route est prête ! Elle présente vos points forts, les prochaines étapes et des contacts utiles. Touchez le bouton pour la lire.",
      buttons: { show: "Lire ma feuille de route" },
    },
    application_decision: {
      body: "📩 Il y a du nouveau sur votre candidature à Migracoop. Touchez le bouton pour lire la réponse.",
      buttons: { show: "Lire la réponse" },
    },
  },
};
const en = {
  templates: {
    reminder: {
      body: "⏰ Hello! A reminder for your training day: {{1}}\n📅 When: {{2}}\n📍 Where: {{3}}\n\nWill you come? Please answer with a button below.",
      examples: "Selling at the market|Tuesday 14 May, 10:00|Ground Control, 81 rue du Charolais, Paris",
      buttons: { yes: "I'm coming", no: "I can't come", maybe: "I don't know yet" },
    },
    announcement: {
      header: "Message from your coordinator",
      body: "📢 {{1}}\n\n💬 If you have a question, you can reply to this message.",
      examples: "Thursday's training starts at 10:00 instead of 9:30.",
    },
    check_in: {
      body: "👋 Hello from Migracoop! How is your project going? We would like to ask you a few short questions.",
      buttons: { start: "Yes, let's go", later: "Later", help: "I need help" },
    },
    roadmap_ready: {
      body: "📘 Your roadmap is ready! It shows your strengths, your next steps and useful contacts. Tap the button to read it.",
      buttons: { show: "Read my roadmap" },
    },
    application_decision: {
      body: "📩 There is news about your application to Migracoop. Tap the button to read the answer.",
      buttons: { show: "Read the answer" },
    },
  },
};
/** Tigrinya texts for the plain-text version only (WhatsApp has no Tigrinya templates). */
const ti = structuredClone(en);
ti.templates.reminder.body = "⏰ ዘኪር: {{1}}\n📅 {{2}}\n📍 {{3}}";

/** In-memory resources: `texts(locale)` for every locale. */
const resources = (texts: (locale: string) => unknown) => Object.fromEntries(LOCALES.map((l) => [l, texts(l)])) as unknown as Resources;

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n(resources((l) => (l === "fr" ? fr : l === "ti" ? ti : en)));
});

describe("whatsappTemplates", () => {
  it("one UTILITY template per kind and WhatsApp language, Tigrinya falling back to English", () => {
    const all = whatsappTemplates(i18n);
    const languages = [...new Set(all.map((t) => t.language))].sort();
    expect(languages).toEqual(["ar", "bn", "en", "es", "fr", "prs_AF", "ps_AF", "pt_PT", "ru", "uk"]);
    expect(all).toHaveLength(languages.length * TEMPLATE_KINDS.length);
    expect(new Set(all.map((t) => `${t.name}/${t.language}`)).size).toBe(all.length);
    expect(all.every((t) => t.category === "UTILITY")).toBe(true);
  });

  it("the French reminder, as Meta's creation API expects it", () => {
    const reminder = whatsappTemplates(i18n).find((t) => t.name === "migracoop_reminder_v1" && t.language === "fr");
    expect(reminder).toEqual({
      name: "migracoop_reminder_v1",
      language: "fr",
      category: "UTILITY",
      components: [
        {
          type: "BODY",
          text: fr.templates.reminder.body,
          example: { body_text: [["Vendre au marché", "mardi 14 mai, 10 h 00", "Ground Control, 81 rue du Charolais, Paris"]] },
        },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Je viens" }, { type: "QUICK_REPLY", text: "Je ne peux pas venir" }, { type: "QUICK_REPLY", text: "Je ne sais pas encore" }] },
      ],
    });
  });

  it("the announcement has a text header and no buttons", () => {
    const a = whatsappTemplates(i18n).find((t) => t.name === "migracoop_announcement_v1" && t.language === "en")!;
    expect(a.components.map((c) => c.type)).toEqual(["HEADER", "BODY"]);
    expect(a.components[0]).toEqual({ type: "HEADER", format: "TEXT", text: "Message from your coordinator" });
  });

  it("refuses a text that breaks Meta's rules", async () => {
    const broken = structuredClone(fr);
    broken.templates.reminder.body = "⏰ {{1}} {{3}}";
    const bad = await createI18n(resources(() => broken));
    expect(() => whatsappTemplates(bad)).toThrow(/migracoop_reminder_v1 \(fr\): body must use/);
    const longButton = structuredClone(fr);
    longButton.templates.check_in.buttons.help = "J'ai vraiment besoin d'aide tout de suite";
    const bad2 = await createI18n(resources(() => longButton));
    expect(() => whatsappTemplates(bad2)).toThrow(/longer than 25/);
  });
});

describe("templateIntent", () => {
  it("a French reminder: template name, language, parameters, quick replies, plain text", () => {
    const intent = templateIntent("reminder", "fr", ["Atelier vente", "mardi 14 mai, 10 h", "Ground Control"], translatorFor(i18n, "fr"));
    expect(intent).toEqual({
      type: "template",
      name: "migracoop_reminder_v1",
      language: "fr",
      parameters: ["Atelier vente", "mardi 14 mai, 10 h", "Ground Control"],
      buttons: [
        { id: "rsvp:yes", label: "Je viens" },
        { id: "rsvp:no", label: "Je ne peux pas venir" },
        { id: "rsvp:maybe", label: "Je ne sais pas encore" },
      ],
      text: "⏰ Bonjour ! Petit rappel pour votre journée de formation : Atelier vente\n📅 Quand : mardi 14 mai, 10 h\n📍 Où : Ground Control\n\nVous venez ? Répondez avec un bouton ci-dessous.",
    });
    expect(renderWhatsApp(intent)[0]).toMatchObject({ type: "template", languageCode: "fr" });
  });

  it("Tigrinya: the English template on WhatsApp, the Tigrinya text elsewhere", () => {
    const intent = templateIntent("reminder", "ti", ["Atelier", "14/05 10:00", "Paris"], i18n.t.bind(i18n));
    expect(intent.language).toBe("en");
    expect(intent.text).toBe("⏰ ዘኪር: Atelier\n📅 14/05 10:00\n📍 Paris");
  });

  it("Dari and Portuguese use Meta's codes", () => {
    expect(templateIntent("check_in", "fa", [], i18n.t.bind(i18n)).language).toBe("prs_AF");
    expect(templateIntent("check_in", "pt", [], i18n.t.bind(i18n)).language).toBe("pt_PT");
  });

  it("an announcement: header in the plain text, parameter flattened and shortened to fit 1024", () => {
    const long = "Première ligne.\nDeuxième ligne.\n" + "blabla ".repeat(300);
    const intent = templateIntent("announcement", "fr", [long], translatorFor(i18n, "fr"));
    expect(intent.text.startsWith("Message de votre coordination\n\n📢 Première ligne.\nDeuxième ligne.")).toBe(true);
    expect(intent.parameters[0]).not.toMatch(/\n/);
    const filled = fr.templates.announcement.body.replace("{{1}}", intent.parameters[0]!);
    expect(filled.length).toBeLessThanOrEqual(1024);
    expect(intent.parameters[0]!.endsWith("…")).toBe(true);
    expect(intent.buttons).toBeUndefined();
  });

  it("refuses the wrong number of parameters", () => {
    expect(() => templateIntent("reminder", "fr", ["only one"], translatorFor(i18n, "fr"))).toThrow(/takes 3 parameters/);
  });

  it("every kind's button ids are distinct and fit WhatsApp's payload", () => {
    for (const kind of TEMPLATE_KINDS) {
      const ids = TEMPLATES[kind].buttons.map((b) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeLessThanOrEqual(3);
    }
  });
});

describe("fitParameters", () => {
  it("leaves fitting parameters alone and cuts the longest first", () => {
    expect(fitParameters("A {{1}} B {{2}}", ["x", "y"], 100)).toEqual(["x", "y"]);
    const out = fitParameters("A {{1}} B {{2}}", ["short", "l".repeat(50)], 20);
    expect(out[0]).toBe("short");
    expect("A  B ".length + out[0]!.length + out[1]!.length).toBeLessThanOrEqual(20);
  });
});
