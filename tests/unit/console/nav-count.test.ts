/**
 * The navigation's counts (console/html.ts `page`): the Inbox's unread conversations beside its link,
 * seen as a number and heard as a sentence in the page's language (singular and plural); nothing when
 * there is none, and nothing on pages shown to nobody in particular.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TFunction } from "i18next";
import { html, page } from "../../../src/console/html.ts";
import { consoleTexts, type ConsoleLocale } from "../../../src/console/texts.ts";

let textsFor: (lang: ConsoleLocale) => TFunction;
beforeAll(async () => {
  textsFor = await consoleTexts();
});

const user = { name: "Amina", role: "coordinator", csrf: "token" };
const inboxLink = (out: string) => /<a href="\/console\/inbox"[^>]*>([\s\S]*?)<\/a>/.exec(out)![1]!;
const heard = (link: string) => link.replace(/<span class="count" aria-hidden="true">\d+<\/span>/, "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

describe("the navigation's unread count", () => {
  it("shows the number and says it in French and English, singular and plural", () => {
    const fr = (n: number) => inboxLink(page({ t: textsFor("fr"), lang: "fr", title: "T", user, current: "today", counts: { inbox: n }, body: html`` }));
    expect(fr(1)).toContain('<span class="count" aria-hidden="true">1</span>');
    expect(heard(fr(1))).toBe("Messages (1 conversation non lue)");
    expect(heard(fr(3))).toBe("Messages (3 conversations non lues)");
    const en = inboxLink(page({ t: textsFor("en"), lang: "en", title: "T", user, counts: { inbox: 2 }, body: html`` }));
    expect(heard(en)).toBe("Inbox (2 unread conversations)");
  });

  it("shows nothing at zero or without counts, and no navigation without a signed-in person", () => {
    const t = textsFor("fr");
    expect(inboxLink(page({ t, lang: "fr", title: "T", user, counts: { inbox: 0 }, body: html`` }))).toBe("Messages");
    expect(inboxLink(page({ t, lang: "fr", title: "T", user, body: html`` }))).toBe("Messages");
    expect(page({ t, lang: "fr", title: "T", counts: { inbox: 4 }, body: html`` })).not.toContain("conversations non lues");
  });
});
