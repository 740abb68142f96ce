/** The roadmap's typed forms, shared by the chat and the console: partners split on dashes, next steps keeping their keys. */
import { describe, expect, it } from "vitest";
import { partnerFromLine, partnerLine, withStepKeys } from "../../../src/roadmap/lines.ts";

describe("partner lines", () => {
  it.each([
    ["ADIE — 0 969 328 110 — micro-crédit", { name: "ADIE", contact: "0 969 328 110", why: "micro-crédit" }],
    ["BGE - bge.asso.fr", { name: "BGE", contact: "bge.asso.fr", why: "" }],
    ["Jean-Marie Dupont", { name: "Jean-Marie Dupont", contact: "", why: "" }],
  ])("reads %j", (line, partner) => {
    expect(partnerFromLine(line)).toEqual(partner);
  });

  it("writes a partner back as the line it is typed as", () => {
    expect(partnerLine({ name: "ADIE", contact: "0 969 328 110", why: "micro-crédit" })).toBe("ADIE — 0 969 328 110 — micro-crédit");
    expect(partnerLine({ name: "BGE", contact: "", why: "" })).toBe("BGE");
    expect(partnerFromLine(partnerLine({ name: "A", contact: "b", why: "c" }))).toEqual({ name: "A", contact: "b", why: "c" });
  });
});

describe("withStepKeys", () => {
  const existing = [{ key: "siret", text: "Créer ma micro-entreprise" }, { key: "s2", text: "Trouver un local" }];

  it("keeps the key of a step whose text is kept, wherever it moves", () => {
    expect(withStepKeys(["Trouver un local", "Créer ma micro-entreprise"], existing)).toEqual([existing[1], existing[0]]);
  });

  it("gives new steps the first free s<n>, never a removed step's key", () => {
    expect(withStepKeys(["Trouver un local", "Ouvrir un compte"], existing)).toEqual([{ key: "s2", text: "Trouver un local" }, { key: "s1", text: "Ouvrir un compte" }]);
    expect(withStepKeys(["Ouvrir un compte"], [{ key: "s1", text: "Avant" }])).toEqual([{ key: "s2", text: "Ouvrir un compte" }]);
  });

  it("appends as the chat did: the steps there keep their keys, the new ones follow", () => {
    const chat = [{ key: "s1", text: "Un" }, { key: "s2", text: "Deux" }];
    expect(withStepKeys(["Un", "Deux", "Trois", "Trois"], chat)).toEqual([...chat, { key: "s3", text: "Trois" }, { key: "s4", text: "Trois" }]);
  });
});
