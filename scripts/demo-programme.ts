import { DateTime } from "luxon";
import type { ProgrammeFile } from "../src/programme/schema.ts";

/** The console address of the demo's coordinator: lines typed with "@" come from her. */
export const DEMO_COORDINATOR = "demo-coordinator";

/**
 * The demo programme: one cohort, three training sessions in the coming days (so reminders are near),
 * a coordinator. Built relative to today, in Paris time.
 */
export function demoProgramme(now = DateTime.now().setZone("Europe/Paris")): ProgrammeFile {
  const day = (n: number, hour: number) => now.startOf("day").plus({ days: n }).set({ hour }).toFormat("yyyy-MM-dd'T'HH:mm");
  return {
    cohorts: [
      {
        key: "demo-cuisine",
        name: "Coopérative Cuisine",
        timezone: "Europe/Paris",
        startsOn: now.minus({ days: 14 }).toISODate()!,
        endsOn: now.plus({ months: 5 }).toISODate()!,
        reminderOffsets: ["-P1D", "-PT2H"],
        sessions: [
          // Titles may be given in several languages: each member reads theirs, else the French one (s3).
          {
            key: "s1",
            title: {
              fr: "Hygiène et sécurité alimentaire", en: "Food hygiene and safety", ar: "النظافة وسلامة الغذاء", fa: "حفظ الصحه و مصونیت غذایی", ps: "د خوړو پاکوالی او خوندیتوب",
              ti: "ጽሬትን ድሕነትን መግቢ", es: "Higiene y seguridad alimentaria", pt: "Higiene e segurança alimentar", ru: "Гигиена и безопасность продуктов", uk: "Гігієна та безпечність харчових продуктів", bn: "খাবারের পরিচ্ছন্নতা ও নিরাপত্তা",
            },             startsAt: day(1, 9),
            endsAt: day(1, 13),
            location: "Migracoop, 12 rue de la Fontaine au Roi, Paris 11e",
          },
          {
            key: "s2",
            title: { fr: "Fixer ses prix", en: "Setting your prices", ar: "تحديد الأسعار", fa: "تعیین قیمت‌ها", ps: "د بیو ټاکل", ti: "ዋጋ ምውሳን", es: "Fijar sus precios", pt: "Definir os seus preços", ru: "Как назначить цену", uk: "Як встановити ціну", bn: "দাম ঠিক করা" },             startsAt: day(3, 14),
            endsAt: day(3, 17),
            location: "Migracoop, 12 rue de la Fontaine au Roi, Paris 11e",
          },
          { key: "s3", title: "Service du midi : essai en cuisine", startsAt: day(6, 10), endsAt: day(6, 15), location: "Cuisine partagée, Paris 20e" },
        ],
        members: [],
        coordinators: [{ channel: "console", externalId: DEMO_COORDINATOR, name: "Amina", locale: "fr" }],
      },
    ],
  };
}
