import { isLocale } from "../../core/locales.ts";
import type { Person } from "../../db/generated/client.ts";
import type { PersonView } from "../../engine/types.ts";

export function toPersonView(person: Person, defaultTimezone: string): PersonView {
  return {
    locale: isLocale(person.locale) ? person.locale : null,
    localeConfirmed: person.localeConfirmed,
    role: person.role,
    stage: person.stage,
    optedOut: person.optedOutAt !== null,
    firstName: person.firstName,
    timezone: person.timezone ?? defaultTimezone,
  };
}
