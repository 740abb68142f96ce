import { fakeTranslation, startEngineFake, type EngineFake, type FakeAnswer } from "./engine-fake.ts";

/**
 * A fake Google Cloud Translation v2 ("Basic") REST API, key in the query string:
 * - `POST /language/translate/v2?key=KEY` JSON {q: string | string[], target, source?, format}
 *   → {data: {translations: [{translatedText, detectedSourceLanguage?}]}};
 * - `POST /language/translate/v2/detect?key=KEY` {q} → {data: {detections: [[{language, confidence, isReliable}]]}};
 * - `GET /language/translate/v2/languages?key=KEY&target=en` → {data: {languages: [{language, name}]}}.
 * Errors have Google's shape {error: {code, message, errors: [{message, domain, reason}], status}}:
 * a wrong key gets 400 "API key not valid…" (API_KEY_INVALID), no key 403 PERMISSION_DENIED,
 * an unknown code 400 "Invalid Value" or "Bad language pair".
 */
export interface FakeGoogleTranslate extends EngineFake {
  /** Codes the API knows, as GET …/languages lists them. */
  languages: string[];
  detectAs: (text: string) => string;
}

export function googleError(code: number, message: string, reason: string, status: string, extra: Record<string, unknown> = {}): FakeAnswer {
  return { status: code, body: { error: { code, message, errors: [{ message, domain: "global", reason }], status, ...extra } } };
}

export const googleFailures = {
  userRateLimit: (): FakeAnswer => googleError(403, "User Rate Limit Exceeded", "userRateLimitExceeded", "PERMISSION_DENIED"),
  dailyLimit: (): FakeAnswer => googleError(403, "Daily Limit Exceeded", "dailyLimitExceeded", "PERMISSION_DENIED"),
  perMinute: (): FakeAnswer =>
    googleError(
      429,
      "Quota exceeded for quota metric 'v2 and v3 general model characters' and limit 'v2 and v3 general model characters per minute per user' of service 'translate.googleapis.com'",
      "rateLimitExceeded",
      "RESOURCE_EXHAUSTED",
    ),
  apiDisabled: (): FakeAnswer =>
    googleError(403, "Cloud Translation API has not been used in project 123 before or it is disabled.", "accessNotConfigured", "PERMISSION_DENIED"),
  backendError: (): FakeAnswer => googleError(500, "Internal error encountered.", "backendError", "INTERNAL"),
};

/** Google's codes for ours (and German), with European Portuguese; no Dari variant. */
export const GOOGLE_FAKE_LANGUAGES = ["ar", "bn", "de", "en", "es", "fa", "fr", "ps", "pt", "pt-PT", "ru", "ti", "uk"];

const PREFIX = "/language/translate/v2";

export async function startFakeGoogleTranslate(opts: { apiKey: string }): Promise<FakeGoogleTranslate> {
  let fake: FakeGoogleTranslate;
  const knows = (code: unknown) => typeof code === "string" && fake.languages.some((l) => l.toLowerCase() === code.toLowerCase());

  const base = await startEngineFake((req) => {
    if (req.query.key === undefined) {
      return googleError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", "forbidden", "PERMISSION_DENIED");
    }
    if (req.query.key !== opts.apiKey) {
      return googleError(400, "API key not valid. Please pass a valid API key.", "badRequest", "INVALID_ARGUMENT", {
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }],
      });
    }
    if (req.method === "GET" && req.path === `${PREFIX}/languages`) {
      return { status: 200, body: { data: { languages: fake.languages.map((language) => ({ language, name: language })) } } };
    }
    if (req.method !== "POST") return googleError(404, "Not Found", "notFound", "NOT_FOUND");
    if (req.json === undefined) return googleError(400, "fake: expected a JSON body", "badRequest", "INVALID_ARGUMENT");
    const body = req.json as { q?: unknown; target?: unknown; source?: unknown; format?: unknown };
    const texts = Array.isArray(body.q) ? body.q : body.q === undefined ? [] : [body.q];
    if (texts.length === 0 || texts.some((t) => typeof t !== "string")) {
      return googleError(400, "Required Text", "required", "INVALID_ARGUMENT");
    }

    if (req.path === `${PREFIX}/detect`) {
      return {
        status: 200,
        body: { data: { detections: (texts as string[]).map((t) => [{ language: fake.detectAs(t), confidence: 0.98, isReliable: false }]) } },
      };
    }
    if (req.path !== PREFIX) return googleError(404, "Not Found", "notFound", "NOT_FOUND");
    if (texts.length > 128) return googleError(400, "Too many text segments", "badRequest", "INVALID_ARGUMENT");
    if (!knows(body.target)) return googleError(400, "Invalid Value", "invalid", "INVALID_ARGUMENT");
    if (body.source !== undefined && !knows(body.source)) {
      return googleError(400, `Bad language pair: ${String(body.source)}|${String(body.target)}`, "badRequest", "INVALID_ARGUMENT");
    }
    if (body.format !== undefined && body.format !== "text" && body.format !== "html") {
      return googleError(400, "Invalid Value", "invalid", "INVALID_ARGUMENT");
    }
    return {
      status: 200,
      body: {
        data: {
          translations: (texts as string[]).map((text) => {
            const source = typeof body.source === "string" ? body.source : fake.detectAs(text);
            return {
              translatedText: fakeTranslation(source, String(body.target), text),
              ...(body.source === undefined ? { detectedSourceLanguage: source } : {}),
            };
          }),
        },
      },
    };
  });

  fake = Object.assign(base, { languages: [...GOOGLE_FAKE_LANGUAGES], detectAs: (_text: string) => "fr" });
  return fake;
}
