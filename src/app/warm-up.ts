import { step } from "../engine/engine.ts";
import type { AppDeps } from "../deps.ts";
import { renderFor } from "../i18n/render.ts";

/**
 * Makes the first real message as fast as the next ones: opens a few database connections and runs
 * the engine and the renderer once (language detection, texts), outside any request.
 */
export async function warmUp(deps: AppDeps, ping: () => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: 4 }, () => ping().catch(() => undefined)));
  const result = step(
    {
      person: { locale: null, localeConfirmed: false, role: "participant", stage: "newcomer", optedOut: false, firstName: null, timezone: deps.defaultTimezone },
      conversation: { flow: null, step: null, data: {} },
      context: { hasConsent: false, application: null },
      event: { type: "message", text: "Bonjour, je voudrais m'inscrire à la formation" },
      now: deps.now(),
      defaultLocale: deps.defaultLocale,
    },
    deps.reader,
  );
  for (const reply of result.replies) if (reply.type !== "document") renderFor(deps, deps.defaultLocale, reply);
}
