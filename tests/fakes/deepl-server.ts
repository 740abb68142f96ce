import { fakeTranslation, startEngineFake, type EngineFake, type FakeAnswer } from "./engine-fake.ts";

/**
 * A fake DeepL API v2 (developers.deepl.com, api-reference/openapi.yaml):
 * - every request needs `Authorization: DeepL-Auth-Key KEY` (else 403, as DeepL answers);
 * - `POST /v2/translate` JSON {text: string[], target_lang, source_lang?}
 *   → {translations: [{detected_source_language, text}]}; an unknown code gets 400
 *   "Value for 'target_lang' not supported.";
 * - `GET /v2/languages?type=source|target` → [{language, name, supports_formality}].
 * Stricter than DeepL on one point: the bare targets EN and PT (which DeepL still takes "for
 * backward compatibility") are refused, so a client sending them shows up.
 */
export interface FakeDeepL extends EngineFake {
  sourceLanguages: string[];
  targetLanguages: string[];
  /** What DeepL detects when no source_lang is given. */
  detectAs: (text: string) => string;
}

export const deeplFailures = {
  quotaExceeded: (): FakeAnswer => ({ status: 456, body: { message: "Quota Exceeded" } }),
  tooManyRequests: (retryAfterSeconds?: number): FakeAnswer => ({
    status: 429,
    body: { message: "Too many requests, DeepL servers are currently experiencing high load" },
    ...(retryAfterSeconds !== undefined ? { headers: { "retry-after": String(retryAfterSeconds) } } : {}),
  }),
  forbidden: (): FakeAnswer => ({ status: 403, body: { message: "Forbidden" } }),
  serverError: (): FakeAnswer => ({ status: 500, body: { message: "Internal server error" } }),
  overloaded: (): FakeAnswer => ({ status: 529, body: { message: "Too many requests" } }),
};

/** DeepL's lists since January 2026, cut to ours (and German): no Tigrinya. */
export const DEEPL_FAKE_SOURCES = ["AR", "BN", "DE", "EN", "ES", "FA", "FR", "PS", "PT", "RU", "UK"];
export const DEEPL_FAKE_TARGETS = ["AR", "BN", "DE", "EN-GB", "EN-US", "ES", "FA", "FR", "PS", "PT-BR", "PT-PT", "RU", "UK"];

export async function startFakeDeepL(opts: { apiKey: string }): Promise<FakeDeepL> {
  let fake: FakeDeepL;
  const message = (status: number, text: string): FakeAnswer => ({ status, body: { message: text } });

  const base = await startEngineFake((req) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${opts.apiKey}`) return message(403, "Forbidden");
    if (req.method === "GET" && req.path === "/v2/languages") {
      const type = req.query.type ?? "source";
      if (type !== "source" && type !== "target") return message(400, "Value for 'type' not supported.");
      const list = type === "source" ? fake.sourceLanguages : fake.targetLanguages;
      return { status: 200, body: list.map((language) => ({ language, name: language, ...(type === "target" ? { supports_formality: false } : {}) })) };
    }
    if (req.method !== "POST" || req.path !== "/v2/translate") return message(404, "Not found");
    if (req.json === undefined) return message(415, "fake: expected a JSON body");
    const body = req.json as { text?: unknown; target_lang?: unknown; source_lang?: unknown };
    if (!Array.isArray(body.text) || body.text.length === 0 || body.text.some((t) => typeof t !== "string")) {
      return message(400, "Parameter 'text' not specified.");
    }
    if (typeof body.target_lang !== "string" || !fake.targetLanguages.includes(body.target_lang.toUpperCase())) {
      return message(400, "Value for 'target_lang' not supported.");
    }
    if (body.source_lang !== undefined && (typeof body.source_lang !== "string" || !fake.sourceLanguages.includes(body.source_lang.toUpperCase()))) {
      return message(400, "Value for 'source_lang' not supported.");
    }
    const target = body.target_lang.toUpperCase();
    return {
      status: 200,
      body: {
        translations: (body.text as string[]).map((text) => {
          const source = typeof body.source_lang === "string" ? body.source_lang.toUpperCase() : fake.detectAs(text);
          return { detected_source_language: source, text: fakeTranslation(source, target, text) };
        }),
      },
    };
  });

  fake = Object.assign(base, { sourceLanguages: [...DEEPL_FAKE_SOURCES], targetLanguages: [...DEEPL_FAKE_TARGETS], detectAs: (_text: string) => "FR" });
  return fake;
}
