import { alumniFires } from "./alumni/fire.ts";
import type { AppDeps } from "./deps.ts";
import { createFireRegistry, type FireRegistry } from "./fires/registry.ts";
import { reminderFires } from "./reminders/fire.ts";
import { forecastFires } from "./sessions/forecast.ts";

/**
 * Every kind of scheduled fire and what runs it. A new kind is a handler (src/fires/types.ts) in its
 * feature's folder, added here; the timer, the worker and the reconciler (src/fires/) serve it unchanged.
 */
export function fireRegistry(deps: AppDeps): FireRegistry {
  return createFireRegistry(deps, [reminderFires(deps), alumniFires(deps), forecastFires(deps)]);
}
