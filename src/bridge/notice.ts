import type { Person } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";
import type { AppDeps } from "../deps.ts";
import type { EngineContext } from "../engine/types.ts";
import type { ProviderName } from "../engines/translate/translator.ts";
import { bridgeNoticeDue } from "../privacy/bridge-consent.ts";

/** How the privacy notice names each provider (the README says where each one runs). */
const SERVICE_NAMES: Record<ProviderName, string> = { libretranslate: "LibreTranslate", deepl: "DeepL", google: "Google Translate" };

/** The services people's words go to, as the notice names them: "LibreTranslate, Google Translate". */
export function bridgeServices(providers: readonly ProviderName[]): string {
  return providers.map((p) => SERVICE_NAMES[p]).join(", ");
}

/**
 * What the engine knows of the bridge for this turn (`EngineContext.bridge`): nothing when neither
 * translation nor transcription is configured; otherwise the translation services (when there are any),
 * whether voice notes are transcribed, and whether the person is still to be told of them once.
 */
export async function bridgeContext(deps: Pick<AppDeps, "translate" | "voice">, tx: Tx, person: Pick<Person, "id" | "role">): Promise<EngineContext["bridge"]> {
  const voice = deps.voice?.transcriber !== undefined;
  if (!deps.translate && !voice) return undefined;
  return {
    ...(deps.translate ? { services: bridgeServices(deps.translate.providers) } : {}),
    tell: await bridgeNoticeDue(tx, person),
    ...(voice ? { voice: true } : {}),
  };
}
