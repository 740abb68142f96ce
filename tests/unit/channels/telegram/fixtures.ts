import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";

const DIR = fileURLToPath(new URL("../../../fixtures/telegram/", import.meta.url));

/** A recorded-style update from tests/fixtures/telegram/<name>.json. */
export function fixture(name: string): Update {
  return JSON.parse(readFileSync(`${DIR}${name}.json`, "utf8")) as Update;
}

export function fixtureNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}
