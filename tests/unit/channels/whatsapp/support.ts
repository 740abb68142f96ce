import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { WhatsAppConfig } from "../../../../src/channels/whatsapp/adapter.ts";

/** Recorded webhook payloads (tests/fixtures/whatsapp), as the exact bytes Meta sent. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../fixtures/whatsapp/", import.meta.url));

export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${FIXTURES_DIR}${name}`);
}

export function fixture(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString("utf8"));
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR).filter((f) => f.endsWith(".json")).sort();
}

/** The phone number id and app credentials the fixtures and fakes agree on. */
export function testConfig(overrides: Partial<WhatsAppConfig> = {}): WhatsAppConfig {
  return {
    accessToken: "EAAtest-token",
    phoneNumberId: "106540352242922",
    appSecret: "app-secret-for-tests",
    verifyToken: "verify-me-please",
    baseUrl: "http://127.0.0.1:9",
    ...overrides,
  };
}
