import { normalise, wordCount } from "../../core/text.ts";
import { findDay } from "../../understanding/slots/days.ts";

/* What the team types in the sessions' flow, read: who came, "who is coming?", "add a session". */

/** "Who is coming?" in every supported language: the team asking for a session's forecast. */
const WHO_COMES_PHRASES = [
  "qui vient", "qui viennent", "qui va venir", "qui sera là", "qui seront là", "combien viennent", "combien vont venir",
  "who is coming", "who's coming", "who comes", "who will come", "how many are coming", "how many will come",
  "quién viene", "quiénes vienen", "quién va a venir", "quem vem", "quem vai vir",
  "кто придёт", "кто придут", "кто будет", "сколько придёт", "хто прийде", "хто прийдуть", "хто буде",
  "مين جاي", "من سيأتي", "من سيحضر", "من يحضر", "شكون جاي", "کی میاد", "کی‌ها میان", "چه کسی می‌آید", "چه کسانی می‌آیند",
  "څوک راځي", "መን ይመጽእ", "কে আসবে", "কারা আসবে",
];
const WHO_COMES = new RegExp(`(?:^|\\s)(?:${WHO_COMES_PHRASES.map((p) => normalise(p)).join("|")})(?=\\s|$)`, "u");

/** Whether a coordinator's words ask who is coming to a session ("qui vient demain ?"). */
export function asksWhoComes(typed: string | undefined): boolean {
  return typed !== undefined && WHO_COMES.test(normalise(typed).replace(/[?？؟!.,]/gu, " "));
}

/** Words that ask for a new session, in the team's languages. */
export const ADD_WORDS = /(?:^|\s)(?:ajoute|ajouter|rajoute|rajouter|cree|creer|nouvelle formation|add|create|new session|agrega|agregar|anade|anadir|nueva capacitacion|adiciona|adicionar|acrescenta|novo curso|добавь|добавить|создай|додай|додати|створи|اضف|أضف|اضافة|إضافة|اضافه کن|اضافه کنید|ور زیات کړه|ወስኽ|যোগ কর)(?=\s|$)/u;

/** "Cancel" and "move" said of a session, in the team's languages. */
export const CANCEL_WORDS = /(?:^|\s)(?:annule|annuler|annulez|anule|anuler|annul|annulle|supprime|suprime|cancel|call off|cancela|cancelar|anula|anular|desmarca|отмени|отменить|отмените|скасуй|скасувати|скасуйте|الغ|ألغ|الغي|ألغي|الغاء|إلغاء|لغو کن|لغوه کړه|ሰርዝ|বাতিল)(?=\s|$)/u;
export const MOVE_WORDS = /(?:^|\s)(?:decale|decaler|decalle|decaller|decal|deplace|deplacer|deplasse|reporte|reporter|avance|move|reschedule|postpone|push|mueve|mover|cambia|pasa|muda|mudar|adia|adiar|перенеси|перенести|перенесите|перенесіть|перенести|أجل|اجل|أخر|اخر|انقل|غير موعد|منتقل کن|عقب بنداز|وځنډوه|ኣግሽ|ቀይር|সরাও|পিছাও)(?=\s|$)/u;

/** "Send to everyone: …": the words before an announcement's colon that ask to send it. */
export const SEND_WORDS = /(?:^|\s)(?:envoie|envoyer|envoyez|annonce|message|previens|dis a|send|tell|announce|broadcast|envia|envía|manda|anuncia|avisa|отправь|отправить|напиши|сообщи|надішли|повідом|напиши|ارسل|أرسل|ابعث|بلغ|رسالة|بفرست|پیام|ولېږه|پیغام|ስደድ|መልእኽቲ|পাঠাও|জানাও|বার্তা)(?=\s|$)/u;

/** Whether the team's words ask this: the same text, read once. */
export const says = (words: RegExp, typed: string | undefined) => typed !== undefined && words.test(normalise(typed).replace(/[,;!?？؟。]/gu, " "));


/** Taking attendance, in the team's languages: "faire l'appel", "présences de mardi", "who came today?". */
const ATTENDANCE = /(?:^|\s)(?:appel|l appel|presences|presence|les presents|qui est venu|qui etait la|combien sont venus|combien sont venues|combien de personnes sont venues|combien etaient la|attendance|roll call|who came|who was there|how many came|asistencia|quien vino|presencas|presenca|quem veio|явка|отметить присутствующих|кто был|кто пришел|присутні|хто був|хто прийшов|الحضور|من حضر|حاضری|حضور و غیاب|کی آمد|حاضري|څوک راغلل|হাজিরা|উপস্থিতি|কে এসেছিল|መን መጺኡ)(?=\s|$)/u;

export function asksAttendance(typed: string | undefined): boolean {
  return typed !== undefined && ATTENDANCE.test(normalise(typed).replace(/[?？؟!.,'’]/gu, " "));
}

/** What the team calls a session, after "ajoute une …". */
const SESSION_NOUN = /^(?:formation|seance|atelier|session|training|workshop|cours|course|reunion|meeting|class|capacitacion|taller|sesion|curso|oficina|sessao|formacao)s?$/u;
/** Words that end a title typed with the request: its day, time or place begins ("le 15/12", "à 10h", "jeudi", "salle 2"). */
const AFTER_TITLE = /^(?:le|la|les|l|a|au|aux|at|on|in|en|pour|for|el|los|las|o|os|ce|cette|this|next|prochain|prochaine|proximo|proxima|demain|tomorrow|aujourd|today|manana|amanha|salle|room|sala|chez|dans|avec|with|con|com|ou|or|et|and)$/u;
/** Words before a title ("sur la", "de", "about", "called"). */
const BEFORE_TITLE = /^(?:de|d|du|des|sur|about|on|called|named|intitulee|appelee|sobre|llamada|chamada|:)$/u;
/** Longest title read from the request; a longer one is asked. */
const TITLE_MAX_WORDS = 5;

/**
 * The title typed with a request to add a session: quoted ("ajoute « Compta » jeudi"), or the words
 * after the session's noun up to its day, time or place ("ajoute une formation compta le 15/12 à 10h",
 * "add a workshop on marketing tuesday 3pm"). Undefined when there is none to be sure of: then it is asked.
 */
export function titleTyped(typed: string): string | undefined {
  const quoted = /[«"“]\s*([^»"”]{2,80}?)\s*[»"”]/u.exec(typed);
  if (quoted) return quoted[1];
  const tokens = typed.split(/\s+/u).filter(Boolean);
  const plain = tokens.map((t) => normalise(t).replace(/[^\p{L}\p{N}:]/gu, ""));
  const noun = plain.findIndex((w) => SESSION_NOUN.test(w));
  if (noun < 0) return undefined;
  let from = noun + 1;
  // "sur la TVA": an article after such a word is the title's, not its day's.
  while (from < plain.length && BEFORE_TITLE.test(plain[from]!)) from += /^(?:la|le|les|l|the|el|o|a)$/u.test(plain[from + 1] ?? "") ? 2 : 1;
  let to = from;
  while (to < plain.length && plain[to] && !/\p{N}/u.test(plain[to]!) && !AFTER_TITLE.test(plain[to]!) && !findDay(plain[to]!)) to++;
  const words = tokens.slice(from, to).map((t) => t.replace(/^[,;:]+|[,;:]+$/gu, "")).filter(Boolean);
  if (!words.length || words.length > TITLE_MAX_WORDS) return undefined;
  const title = words.join(" ");
  return title.charAt(0).toLocaleUpperCase("fr") + title.slice(1);
}

/** "ajoute une formation …", "add a workshop": a new session asked for, its noun said (a title may hold "ajouter"). */
export function asksToAddSession(typed: string | undefined): boolean {
  return says(ADD_WORDS, typed) && normalise(typed!).split(/[^\p{L}\p{N}]+/u).some((w) => SESSION_NOUN.test(w));
}

/** "annule", "oups non", "non non", "laisse tomber", "forget it": a few words that stop, never a title or a place. */
export function saysStop(typed: string, answer: string | undefined): boolean {
  const words = wordCount(typed);
  return words <= STOP_WORDS_MAX && !/\p{Nd}/u.test(typed) && (says(CANCEL_WORDS, typed) || (answer === "no" && words <= 2) || LEAVE_IT.test(normalise(typed)));
}
const STOP_WORDS_MAX = 3;
const LEAVE_IT = /(?:^|\s)(?:laisse tomber|laissez tomber|oublie|oubliez|forget it|never mind|nevermind|olvidalo|deja|esquece|deixa|забудь|неважно|не важливо|انسى|خلاص|ولش|ولشه|پرېږده|ছাড়ো|ግደፎ)(?=\s|$)/u;
