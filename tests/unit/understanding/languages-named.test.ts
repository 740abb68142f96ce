import { describe, expect, it } from "vitest";
import { findLanguage } from "../../../src/understanding/slots/languages.ts";

describe("the language a text names", () => {
  it.each([
    ["in English please", "en"],
    ["parle moi en arabe", "ar"],
    // Two named: the one not said after a "not".
    ["je parle pas bien francais, arabe svp", "ar"],
    ["in English please, not French", "en"],
    ["no hablo bien francés, español por favor", "es"],
    ["я не говорю по-французски, по-русски пожалуйста", "ru"],
  ])("%s", (text, locale) => {
    expect(findLanguage(text)).toBe(locale);
  });
});
