import { fakeTranslation, startEngineFake, type EngineFake, type FakeAnswer, type FakeRequest } from "./engine-fake.ts";

/**
 * A fake LibreTranslate server speaking its real API (libretranslate/app.py):
 * - `GET /languages` → [{code, name, targets}];
 * - `POST /translate` JSON {q: string | string[], source ("auto" allowed), target, format, api_key}
 *   → {translatedText} (a string, or an array for an array `q`), with `detectedLanguage` when the
 *   source was "auto";
 * - `POST /detect` {q, api_key} → [{confidence (0–100), language}].
 * With `apiKey`, requests without a key get 400 "… get an API key" and a wrong key 403
 * "Invalid API key", as a server started with --api-keys answers. Unknown languages get 400
 * "xx is not supported". Translations read `[fr→uk] text`.
 */
export interface FakeLibreTranslate extends EngineFake {
  /** The languages the server has (as if started with --load-only); every pair among them works. */
  languages: string[];
  /** The language /detect and source "auto" find. */
  detectAs: (text: string) => string;
}

/** Failures as LibreTranslate words them. */
export const libreFailures = {
  slowDown: (): FakeAnswer => ({ status: 429, body: { error: "Slowdown: 30 per 1 minute" } }),
  banned: (): FakeAnswer => ({ status: 403, body: { error: "Too many request limits violations" } }),
  invalidKey: (): FakeAnswer => ({ status: 403, body: { error: "Invalid API key" } }),
  serverError: (): FakeAnswer => ({ status: 500, body: { error: "Cannot translate text: out of memory" } }),
};

const NAMES: Record<string, string> = {
  en: "English", fr: "French", ar: "Arabic", fa: "Persian", es: "Spanish", pt: "Portuguese",
  ru: "Russian", uk: "Ukrainian", bn: "Bengali", de: "German",
};

/** What a server started with `--load-only en,fr,ar,fa,es,pt,ru,uk,bn` has: our languages but ps and ti. */
export const LIBRETRANSLATE_FAKE_LANGUAGES = ["en", "fr", "ar", "fa", "es", "pt", "ru", "uk", "bn"];

export async function startFakeLibreTranslate(opts: { apiKey?: string; languages?: string[] } = {}): Promise<FakeLibreTranslate> {
  // The handler reads the settings from the fake itself, so a test can change them between requests.
  let state: FakeLibreTranslate;

  const error = (status: number, message: string): FakeAnswer => ({ status, body: { error: message } });

  function checkKey(req: FakeRequest): FakeAnswer | undefined {
    if (opts.apiKey === undefined) return undefined;
    const key = (req.json as { api_key?: unknown } | undefined)?.api_key;
    if (key === undefined || key === "") return error(400, "Please contact the server operator to get an API key");
    if (key !== opts.apiKey) return error(403, "Invalid API key");
    return undefined;
  }

  const base = await startEngineFake((req) => {
    if (req.method === "GET" && req.path === "/languages") {
      return {
        status: 200,
        body: state.languages.map((code) => ({ code, name: NAMES[code] ?? code, targets: state.languages.filter((t) => t !== code) })),
      };
    }
    if (req.method !== "POST" || (req.path !== "/translate" && req.path !== "/detect")) return error(404, "Not Found");
    if (req.json === undefined) return error(400, "fake: expected a JSON body");
    const denied = checkKey(req);
    if (denied) return denied;
    const body = req.json as { q?: unknown; source?: unknown; target?: unknown; format?: unknown };

    if (req.path === "/detect") {
      if (typeof body.q !== "string" || body.q === "") return error(400, "Invalid request: missing q parameter");
      return { status: 200, body: [{ confidence: 90.0, language: state.detectAs(body.q) }] };
    }

    const q = body.q;
    const batch = Array.isArray(q);
    if (!q || (batch && q.length === 0)) return error(400, "Invalid request: missing q parameter");
    if (!body.source) return error(400, "Invalid request: missing source parameter");
    if (!body.target) return error(400, "Invalid request: missing target parameter");
    if (body.format !== undefined && body.format !== "text" && body.format !== "html") return error(400, `${String(body.format)} format is not supported`);
    const texts = (batch ? q : [q]) as unknown[];
    if (texts.some((t) => typeof t !== "string")) return error(400, "fake: q must hold strings");
    const source = body.source === "auto" ? state.detectAs(texts[0] as string) : String(body.source);
    if (!state.languages.includes(source)) return error(400, `${String(body.source)} is not supported`);
    const target = String(body.target);
    if (!state.languages.includes(target)) return error(400, `${target} is not supported`);

    const translated = texts.map((t) => fakeTranslation(source, target, t as string));
    const detected = { confidence: 90.0, language: source };
    return {
      status: 200,
      body: {
        translatedText: batch ? translated : translated[0],
        ...(body.source === "auto" ? { detectedLanguage: batch ? translated.map(() => detected) : detected } : {}),
      },
    };
  });

  state = Object.assign(base, { languages: opts.languages ?? [...LIBRETRANSLATE_FAKE_LANGUAGES], detectAs: (_text: string) => "fr" });
  return state;
}
