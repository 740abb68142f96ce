import { normalise, wordsIn } from "../../core/text.ts";
import type { Audience } from "../types.ts";

/* Who an announcement is for, and its text, as the team says them: "annonce aux candidats : …", "dis à tout le monde que …". */

const phrases = (list: string[]) => new RegExp(`(?:^|\\s)(?:${list.map((p) => normalise(p)).join("|")})(?=\\s|$)`, "u");

/** Everyone in the programme's cohorts. */
const EVERYONE = phrases([
  "tout le monde", "tous", "toutes", "a tous", "everyone", "everybody", "all", "todos", "todas", "todo el mundo", "toda a gente", "все", "всем", "всім", "усім",
  "الجميع", "الكل", "للجميع", "همه", "به همه", "ټولو", "ټول", "সবাই", "সবাইকে", "ኩሎም", "ንኹሎም",
]);
const APPLICANTS = phrases(["candidats", "candidates", "candidat", "applicants", "candidatos", "candidatas", "кандидатам", "кандидатов", "кандидатам", "кандидатів", "المترشحين", "المتقدمين", "متقاضیان", "داوطلبان", "غوښتونکو", "আবেদনকারী", "আবেদনকারীদের", "ኣመልከትቲ"]);
const ALUMNI = phrases(["anciens", "anciennes", "alumni", "former members", "antiguos", "antiguas", "antigos", "antigas", "выпускникам", "выпускники", "випускникам", "випускники", "القدامى", "الخريجين", "قدیمی ها", "پخوانیو", "পুরনোদের", "ቀደምቲ"]);

/**
 * The audience the words before an announcement's text name: a cohort by a word of its name ("à la coop
 * cuisine"), the applicants, the alumni, everyone. Undefined when they name none, or several.
 */
export function audienceIn(head: string, cohorts: readonly { id: string; name: string }[]): Audience | undefined {
  const said = ` ${normalise(head).replace(/[’':：,;.!?]/gu, " ")} `;
  const named = cohorts.filter((c) => wordsIn(c.name).some((w) => [...w].length >= 4 && !/^coop/u.test(w) && wordsIn(head).includes(w)));
  const found: Audience[] = [
    ...(named.length === 1 ? [{ type: "cohort", cohortId: named[0]!.id } as const] : []),
    ...(APPLICANTS.test(said) ? [{ type: "applicants" } as const] : []),
    ...(ALUMNI.test(said) ? [{ type: "alumni" } as const] : []),
    ...(EVERYONE.test(said) ? [{ type: "participants" } as const] : []),
  ];
  return found.length === 1 ? found[0] : undefined;
}

/** "Tell … that", in the team's languages: what follows is the announcement's text. */
const THAT = /^(.{3,60}?)\s(?:(?:que|that|de que|что|що|ان|أن|انو|بأن|که|چې|যে|ከም)\s+|qu['’]\s*)(.{3,})$/u;

/**
 * "dis à tout le monde que demain c'est annulé", "tell everyone that …": the announcement's head
 * (its audience) and text, when the head names everyone, the applicants or the alumni.
 */
export function toldTo(typed: string): { head: string; body: string } | undefined {
  const m = THAT.exec(typed.trim().replace(/\s+/gu, " "));
  if (!m) return undefined;
  const head = ` ${normalise(m[1]!).replace(/[’']/gu, " ")} `;
  if (!EVERYONE.test(head) && !APPLICANTS.test(head) && !ALUMNI.test(head)) return undefined;
  return { head: m[1]!, body: m[2]!.trim() };
}
