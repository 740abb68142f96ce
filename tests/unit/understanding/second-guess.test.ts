import { beforeAll, describe, expect, it } from "vitest";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Intent } from "../../../src/understanding/index.ts";
import { onlyData } from "../../../src/understanding/said.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-12-07T10:00:00Z"); // a Monday
const intentOf = (text: string) => reader.understander.understand(text, { now: NOW, timezone: "Europe/Paris" }).intent;

describe("the model's guess, second-guessed by what the words say", () => {
  it.each<[string, Intent]>([
    // Money borrowed, a worry, a price asked: the team's, never an entry in the person's books.
    ["can you lend me 50 euros", "question"],
    ["tu peux me prêter 20 euros", "question"],
    ["mon loyer c 500 euros je sais pas comment payer", "question"],
    ["le bus coute 2 euros?", "question"],
    // With its sale or expense word and no question, still an entry.
    ["vendu 3 plats a 12e", "sale"],
    ["payé 45€ location cuisine", "expense"],
    // A mistake with its number is about an entry, not a training day.
    ["non je me suis trompé c 5 yassa pas 4", "undo"],
    // Asking whether one may come is a question; coming, said, is coming.
    ["jai 3 enfants je peux venir avec eux jeudi?", "question"],
    ["je viens jeudi", "rsvp_yes"],
    // "Won't miss it" is coming, "not coming" is not.
    ["no voy a faltar el jueves", "rsvp_yes"],
    ["je viens pas jeudi", "rsvp_no"],
    ["ill be there!! wont miss it 💪", "rsvp_yes"],
    // A sale and an expense told (no question mark): an entry, not the totals.
    ["hoy vendi diez tamales a tres euros y gaste cinco en el metro", "sale"],
    // Their data and nothing more is seeing it, never erasing it; erasing said is erasing.
    ["mis datos por favor", "mydata"],
    ["borra mis datos por favor", "erase"],
    ["supprime mes données", "erase"],
    // A person asked for in so many words, with a reason that sounds like an answer about a day.
    ["talk to someone, my child is sick and I cannot come tuesday", "human"],
    // Being paid, asked, is the team's; the totals asked are the totals.
    ["how do i get paid for my sales?", "question"],
    ["combien j'ai gagné ?", "totals"],
  ])("%s → %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it("reads the place asked without accents or apostrophes, and a language said 'not' after it", () => {
    expect(reader.understander.understand("c ou exactement ladresse", { now: NOW, timezone: "Europe/Paris" }).slots.topic).toBe("place");
    expect(reader.understander.understand("বাংলায় না, ইংরেজিতে কথা বলো", { now: NOW, timezone: "Europe/Paris" }).slots.language).toBe("en");
  });

  it("reads 'my data and nothing more' with politeness, in several languages, and not with a verb", () => {
    for (const text of ["mis datos por favor", "mes données svp", "all my data pls", "بياناتي لو سمحت", "мои данные пожалуйста"]) expect(onlyData(text), text).toBe(true);
    for (const text of ["borra mis datos", "supprime mes données", "je veux voir mes données", "bonjour"]) expect(onlyData(text), text).toBe(false);
  });
});
