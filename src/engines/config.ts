import { z } from "zod";
import { AppError } from "../core/errors.ts";
import { DEFAULT_TRANSCRIBE_TIMEOUT_MS, openAiTranscriber } from "./transcribe/openai.ts";
import { DEFAULT_MAX_AUDIO_BYTES, type Transcriber } from "./transcribe/transcriber.ts";

/** WhatsApp's limit for audio (16 MB), the default of MEDIA_MAX_BYTES. */
export const DEFAULT_MEDIA_MAX_BYTES = 16 * 1024 * 1024;
import { deepL } from "./translate/deepl.ts";
import { googleTranslate } from "./translate/google.ts";
import { DEFAULT_TIMEOUT_MS, type EngineObserver, type FetchLike } from "./http.ts";
import { libreTranslate } from "./translate/libretranslate.ts";
import { PROVIDER_NAMES, type ProviderName, type Translator } from "./translate/translator.ts";
import { describeIssues } from "../core/env-issues.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpUrl = optionalString.pipe(
  z
    .string()
    .refine((v) => {
      try {
        return ["http:", "https:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, "expected a URL starting with http:// or https://")
    .optional(),
);

const milliseconds = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ error: "a number of milliseconds" })
      .int("a whole number of milliseconds")
      .min(100, "at least 100")
      .max(600_000, "at most 600000 (10 minutes)")
      .default(fallback),
  );

/**
 * TRANSLATE_PROVIDERS: an ordered, comma-separated list; `none` turns translation off even with keys set.
 * Unset: every provider that has its URL or key, in the order libretranslate, deepl, google.
 */
const providerList = optionalString.pipe(
  z
    .string()
    .transform((v, ctx) => {
      if (v.toLowerCase() === "none") return [] as ProviderName[];
      const names = v.split(",").map((n) => n.trim().toLowerCase()).filter((n) => n !== "");
      for (const name of names) {
        if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
          ctx.addIssue({ code: "custom", message: `unknown provider "${name}" (expected ${PROVIDER_NAMES.join(", ")} or none)` });
          return z.NEVER;
        }
      }
      const repeated = names.find((n, i) => names.indexOf(n) !== i);
      if (repeated) {
        ctx.addIssue({ code: "custom", message: `names ${repeated} twice` });
        return z.NEVER;
      }
      return names as ProviderName[];
    })
    .optional(),
);

/** The variables of translation and transcription; all optional: without them nothing is translated. */
export const engineEnvSchema = z
  .object({
    LIBRETRANSLATE_URL: httpUrl,
    LIBRETRANSLATE_API_KEY: optionalString,
    DEEPL_API_KEY: optionalString,
    GOOGLE_TRANSLATE_API_KEY: optionalString,
    TRANSLATE_PROVIDERS: providerList,
    TRANSLATE_TIMEOUT_MS: milliseconds(DEFAULT_TIMEOUT_MS),
    TRANSCRIBE_URL: httpUrl,
    TRANSCRIBE_API_KEY: optionalString,
    TRANSCRIBE_MODEL: optionalString.pipe(z.string().default("whisper-1")),
    TRANSCRIBE_TIMEOUT_MS: milliseconds(DEFAULT_TRANSCRIBE_TIMEOUT_MS),
    /** The largest voice note downloaded for transcription: WhatsApp's audio limit (16 MB) by default; Telegram's getFile stops at 20 MB. */
    MEDIA_MAX_BYTES: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce
        .number({ error: "a number of bytes" })
        .int("a whole number of bytes")
        .min(1024, "at least 1024")
        .max(DEFAULT_MAX_AUDIO_BYTES, `at most ${DEFAULT_MAX_AUDIO_BYTES} (what Whisper servers accept)`)
        .default(DEFAULT_MEDIA_MAX_BYTES),
    ),
  })
  .superRefine((env, ctx) => {
    const needs: Record<ProviderName, { variable: keyof typeof env; value: unknown }> = {
      libretranslate: { variable: "LIBRETRANSLATE_URL", value: env.LIBRETRANSLATE_URL },
      deepl: { variable: "DEEPL_API_KEY", value: env.DEEPL_API_KEY },
      google: { variable: "GOOGLE_TRANSLATE_API_KEY", value: env.GOOGLE_TRANSLATE_API_KEY },
    };
    for (const name of env.TRANSLATE_PROVIDERS ?? []) {
      const need = needs[name];
      if (need.value === undefined) {
        ctx.addIssue({ code: "custom", path: [need.variable], message: `is required because TRANSLATE_PROVIDERS names ${name}` });
      }
    }
    if (env.LIBRETRANSLATE_API_KEY !== undefined && env.LIBRETRANSLATE_URL === undefined) {
      ctx.addIssue({ code: "custom", path: ["LIBRETRANSLATE_URL"], message: "is required when LIBRETRANSLATE_API_KEY is set" });
    }
    // Voice messages go nowhere by default: a key alone must not send them to a service nobody named.
    if (env.TRANSCRIBE_API_KEY !== undefined && env.TRANSCRIBE_URL === undefined) {
      ctx.addIssue({ code: "custom", path: ["TRANSCRIBE_URL"], message: "is required when TRANSCRIBE_API_KEY is set (e.g. https://api.openai.com)" });
    }
  });

export type EngineEnv = z.infer<typeof engineEnvSchema>;

export type ProviderConfig =
  | { name: "libretranslate"; url: string; apiKey?: string }
  | { name: "deepl"; apiKey: string }
  | { name: "google"; apiKey: string };

export interface EngineConfig {
  /** In the order to try them; empty: no translation. */
  providers: ProviderConfig[];
  translateTimeoutMs: number;
  transcribe?: { url: string; apiKey?: string; model: string; timeoutMs: number };
  /** The largest voice note downloaded (MEDIA_MAX_BYTES). */
  mediaMaxBytes: number;
}

/**
 * Reads the translation and transcription variables. Throws AppError `config.invalid` whose message
 * is one line per problem, naming the variable:
 * `DEEPL_API_KEY: is required because TRANSLATE_PROVIDERS names deepl`.
 */
export function parseEngineConfig(env: Record<string, string | undefined>): EngineConfig {
  const parsed = engineEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new AppError("config.invalid", describeIssues(parsed.error), {
      variables: parsed.error.issues.map((i) => String(i.path[0])),
    });
  }
  const e = parsed.data;
  const configured: Record<ProviderName, ProviderConfig | undefined> = {
    libretranslate: e.LIBRETRANSLATE_URL
      ? { name: "libretranslate", url: e.LIBRETRANSLATE_URL, ...(e.LIBRETRANSLATE_API_KEY ? { apiKey: e.LIBRETRANSLATE_API_KEY } : {}) }
      : undefined,
    deepl: e.DEEPL_API_KEY ? { name: "deepl", apiKey: e.DEEPL_API_KEY } : undefined,
    google: e.GOOGLE_TRANSLATE_API_KEY ? { name: "google", apiKey: e.GOOGLE_TRANSLATE_API_KEY } : undefined,
  };
  // Unset: no translation, even with keys set (a key alone never sends people's words anywhere).
  const order = e.TRANSLATE_PROVIDERS ?? [];
  return {
    providers: order.map((name) => configured[name]!),
    translateTimeoutMs: e.TRANSLATE_TIMEOUT_MS,
    mediaMaxBytes: e.MEDIA_MAX_BYTES,
    ...(e.TRANSCRIBE_URL
      ? {
          transcribe: {
            url: e.TRANSCRIBE_URL,
            ...(e.TRANSCRIBE_API_KEY ? { apiKey: e.TRANSCRIBE_API_KEY } : {}),
            model: e.TRANSCRIBE_MODEL,
            timeoutMs: e.TRANSCRIBE_TIMEOUT_MS,
          },
        }
      : {}),
  };
}

export interface Engines {
  /** In TRANSLATE_PROVIDERS order; empty when translation is off. */
  translators: Translator[];
  /** Undefined when transcription is off (no TRANSCRIBE_URL). */
  transcriber?: Transcriber;
}

export interface BuildOptions {
  fetch?: FetchLike;
  observe?: EngineObserver;
  /** Other endpoints for providers whose address is not configurable (fake servers in tests). */
  urls?: { deepl?: string; google?: string };
}

/** The clients for a configuration. Nothing is contacted until the first translation. */
export function buildEngines(config: EngineConfig, options: BuildOptions = {}): Engines {
  const common = { timeoutMs: config.translateTimeoutMs, fetch: options.fetch, observe: options.observe };
  const translators = config.providers.map((p): Translator => {
    switch (p.name) {
      case "libretranslate":
        return libreTranslate({ ...common, url: p.url, apiKey: p.apiKey });
      case "deepl":
        return deepL({ ...common, apiKey: p.apiKey, url: options.urls?.deepl });
      case "google":
        return googleTranslate({ ...common, apiKey: p.apiKey, url: options.urls?.google });
    }
  });
  const t = config.transcribe;
  return {
    translators,
    ...(t
      ? {
          transcriber: openAiTranscriber({
            url: t.url,
            apiKey: t.apiKey,
            model: t.model,
            timeoutMs: t.timeoutMs,
            fetch: options.fetch,
            observe: options.observe,
          }),
        }
      : {}),
  };
}

/** `parseEngineConfig` then `buildEngines`: what main.ts calls with process.env. */
export function loadEngines(env: Record<string, string | undefined>, options: BuildOptions = {}): Engines {
  return buildEngines(parseEngineConfig(env), options);
}
