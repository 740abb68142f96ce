import { isLocale } from "../core/locales.ts";
import { wordCount } from "../core/text.ts";
import { certainty, type Intent } from "../understanding/index.ts";
import { periodIn } from "../understanding/slots/periods.ts";
import { isShortAnswer, YES_NO } from "./typed-answers.ts";
import { detectCommand, type Command } from "./commands.ts";
import { commandFrom, participantAnswer } from "./command-from.ts";
import { askErase, ERASE, onErase } from "./flows/erase.ts";
import { asksToEnrol, continueEnrolment, ENROL, startEnrolment } from "./flows/enrol.ts";
import { isReviewChoice, listApplications, onReviewChoice } from "./flows/review.ts";
import { askIsText, BROADCAST, continueBroadcast, startBroadcast } from "./flows/broadcast.ts";
import { isCheckInChoice, onCheckIn } from "./flows/checkin.ts";
import { isBridgeChoice, onBridgeChoice, withBridgeNotice } from "./flows/bridge.ts";
import { listSessionsToManage, MANAGE, onManage } from "./flows/manage-sessions.ts";
import { leftForRequest, teamRequest } from "./team-requests.ts";
import { onRoadmapWriting, ROADMAP_WRITE, startRoadmapWriting } from "./flows/roadmap-write.ts";
import { coordinatorAnswer, notUnderstood, requestHuman, unplaced } from "./flows/relay.ts";
import { ANSWER_GUESS, answerLike, leftUnsent, onAnswerGuess } from "./flows/answer-guess.ts";
import { answerRsvp, isRsvpChoice, nextSessions } from "./flows/sessions.ts";
import { canLogSales, continueSale, mentionsEntries, SALE, saleFromText, startSaleSteps } from "./flows/sale.ts";
import { askUndo, onUndo, UNDO } from "./flows/undo.ts";
import { consoleLink } from "./flows/console-link.ts";
import { answersByDay, rsvpForDays } from "./flows/rsvp-days.ts";
import { answerQuestion, didYouMean, greet, HARMLESS, passOn, rsvpByText, thank, UNDERSTAND } from "./flows/understood.ts";
import { afterLanguage, firstContact, scriptGroupOf } from "./flows/language.ts";
import { optOut, whileStopped } from "./flows/stop.ts";
import { isSale, undoSetAside, whileBroadcastWaits, whileSaleWaits } from "./meanwhile.ts";
import { forPerson } from "./for-person.ts";
import type { Reader } from "./reader.ts";
import { choices, languageMenu, mainMenu, option, text } from "./replies.ts";
import { IDLE, idle, reply, type Turn } from "./turn.ts";
import type { EngineInput, EngineResult } from "./types.ts";

/**
 * The conversation engine: (state, event, now) → (new state, replies, effects). Pure: no I/O, no clock
 * but `now`, so every behaviour is a row in a table test. Free text is read by the understanding
 * layer: commands that work everywhere come first, then choices with a global meaning, then the active
 * flow, then what the person said in their own words (acted on when the bot is sure, "Did you mean …?"
 * when it is less so, the menu and then a person when it is not).
 */
export function step(input: EngineInput, reader: Reader): EngineResult {
  return withBridgeNotice(input, decide(input, reader));
}

/** The turn's result before the one-time notices that follow it. */
function decide(input: EngineInput, reader: Reader): EngineResult {
  const typed = !input.event.choiceId && input.event.text?.trim() ? input.event.text : undefined;
  const keyword = typed ? detectCommand(typed, reader.lexicon) : undefined;
  // A first message only chooses the language (first contact), so it is not read for an intent.
  const understood = typed && !keyword && input.person.locale !== null ? forPerson(reader.understander.understand(typed, { now: input.now, timezone: input.person.timezone }), input.person, typed) : undefined;
  const flowKey = `${input.conversation.flow}.${input.conversation.step}`;
  const yesNo = understood?.slots.answer && YES_NO[flowKey] && understood.intent !== "stop" && isShortAnswer(typed!) ? YES_NO[flowKey]![understood.slots.answer === "yes" ? 0 : 1] : undefined;
  const choiceId = input.event.choiceId ?? yesNo;
  const command = yesNo ? undefined : (keyword ?? commandFrom(input, understood));
  const turn: Turn = { ...input, choiceId, command: participantAnswer(input, command), understood };
  const { person } = turn;

  if (input.event.unsupportedType === "reaction") {
    // An emoji reaction to one of our messages (👍) is an acknowledgement, not a request: no answer.
    return reply(input.conversation, []);
  }
  if (input.event.unsupportedType === "system") {
    // Not written by the person: a platform notice. A number change moves their address, silently.
    return reply(input.conversation, [], input.event.changedNumberTo ? [{ type: "move_address", to: input.event.changedNumberTo }] : []);
  }
  // The team's "arrête" in the middle of a change stops that change, not their messages (which would
  // stop new applications and participants' words reaching them).
  const stopsFlow = person.role !== "participant" && STOPPED_BY_STOP[turn.conversation.flow ?? ""];
  if (stopsFlow && (keyword === "stop" || turn.command === "stop")) return idle([text(stopsFlow), mainMenu(person, turn.context)]);
  if (keyword === "stop") return optOut(person);
  // A coordinator's answer to a person ("répondre ABC123 …", or a reply to a forwarded message) is
  // theirs to read, whatever its words would mean to the bot ("merci", "c'est reparti").
  const answer = person.optedOut ? undefined : coordinatorAnswer(turn, reader.lexicon.reply);
  if (answer) return answer;
  // Her words without a code that look like an answer to someone waiting ("= merci …", "envoie à Awa : …"): asked first.
  const maybe = outsideFlows(turn) ? answerLike(turn, reader.lexicon.reply, keyword !== undefined) : undefined;
  if (maybe) return maybe;
  // "stop c faux" while an entry waits is about the entry (correct it, or drop one still being written),
  // not the messages: "stop" alone is a keyword and stops them, as everywhere.
  if (turn.command === "stop" && turn.conversation.flow === SALE && wordCount(typed!) > 1) {
    return continueSale({ ...turn, command: undefined, choiceId: turn.conversation.step === "confirm" ? "sale:fix" : "sale:cancel" });
  }
  if (turn.command === "stop") return optOut(person);
  if (person.optedOut && !asksForTheirData(turn)) return whileStopped(turn);
  // The platform lost the message on its way to us: ask for it again, and keep the conversation where it was.
  if (input.event.unreadable) return reply(input.conversation, [text("fallback.unreadable")]);
  // WhatsApp's "request_welcome": the person opened the chat for the first time, before writing.
  if (input.event.unsupportedType === "request_welcome") return person.locale === null ? firstContact(turn, reader) : idle([text("understand.greeting"), mainMenu(person, turn.context)]);
  if (person.locale === null && !choiceId?.startsWith("lang:")) return firstContact(turn, reader);
  // "je veux m'inscrire", "التسجيل", "quero me inscrever" from someone new: the sign-up starts (not the menu, not the team).
  const free = outsideFlows(turn);
  if (person.role === "participant" && person.stage === "newcomer" && !turn.context.application && !choiceId && free && asksToEnrol(typed)) return startEnrolment(turn);
  if (turn.command === "start") return idle([mainMenu(person, turn.context)]);
  const global = globalAction(turn);
  if (global) return leftUnsent(turn, global);
  if (turn.conversation.flow === ENROL) return continueEnrolment(turn);
  if (turn.conversation.flow === ERASE) return onErase(turn);
  if (turn.conversation.flow === SALE) return whileSaleWaits(turn, act) ?? continueSale(turn);
  // "décale jeudi à vendredi" typed as an announcement's text: asked whether it is the message.
  if (turn.conversation.flow === BROADCAST && turn.conversation.step === "text" && typed && teamRequest({ ...turn, conversation: IDLE }, { inFlow: true })) return askIsText(turn);
  const left = leftForRequest(turn, () => decide({ ...input, conversation: IDLE }, reader));
  if (left) return left;
  if (turn.conversation.flow === BROADCAST) return whileBroadcastWaits(turn, act) ?? continueBroadcast(turn);
  if (turn.conversation.flow === UNDO) return undoSetAside(turn, act) ?? onUndo(turn);
  if (turn.conversation.flow === MANAGE) return onManage(turn);
  // "Whose roadmap?", "which part?": words that are none of the choices are a request of their own.
  if (turn.conversation.flow === ROADMAP_WRITE && turn.conversation.step !== "lines" && !choiceId && typed) return decide({ ...input, conversation: IDLE }, reader);
  if (turn.conversation.flow === ROADMAP_WRITE) return onRoadmapWriting(turn);
  if (turn.conversation.flow === ANSWER_GUESS) return onAnswerGuess(turn, inOwnWords);
  return inOwnWords(turn);
}

/**
 * "My data" and "delete my data" are answered after "stop" too: stopping the messages does not take
 * away the right to see or erase what is kept (the erasure's confirmation included).
 */
function asksForTheirData(turn: Turn): boolean {
  const { command, choiceId } = turn;
  return command === "mydata" || command === "erase" || choiceId === "menu:mydata" || choiceId?.startsWith("erase:") === true;
}

/** A message outside any flow, in the person's own words. */
function inOwnWords(turn: Turn): EngineResult {
  const understood = turn.understood;
  if (turn.conversation.flow === UNDERSTAND && turn.choiceId?.startsWith("dym:")) return onDidYouMean(turn);
  // "2" when only one choice was shown: said so, and the same choices still count (never the menu, where "2" means something else).
  const offered = turn.event.choicesOffered;
  if (offered) {
    const numbers = { typed: Array.from({ length: offered }, (_, i) => i + 1).join(", ") };
    return reply(turn.conversation, [{ type: "text", say: { key: "choices.not_in_list", params: { numbers } }, keepsChoices: true }]);
  }
  if (!understood || turn.event.media || turn.event.unsupported) return saleFromText(turn) ?? unplaced(turn);
  const level = certainty(understood.confidence, understood.intent);
  // A short, sure "merci" while a conversation with the team is open is answered, not passed on as a new message.
  const withTeam = turn.context.relayOpen === true && turn.person.role === "participant";
  if (withTeam && understood.intent === "thanks" && level === "high" && wordCount(turn.event.text ?? "") <= 3) return thank();
  // "allo vous êtes là ?" in a conversation with the team is for the team, not "I'll be there": coming needs its day there.
  if (withTeam && understood.intent.startsWith("rsvp_") && !understood.slots.day) return unplaced(turn);
  // While a conversation with the team is open, what is not a clear request is for the team ("merci, et pour demain ?").
  if (withTeam && (level !== "high" || CHAT.has(understood.intent))) return unplaced(turn);
  // A sale or an expense without an amount starts the step-by-step questions: only when the model is
  // sure, as a number alone often looks like a sale to it ("j'ai 3 enfants"); otherwise it asks.
  if (level !== "low" && (understood.intent === "sale" || understood.intent === "expense") && !isSale(understood) && understood.confidence < SALE_STEPS_AT) return didYouMean(turn, understood);
  if (level === "high" || HARMLESS.has(understood.intent) || (level === "middle" && isSale(understood))) return act(turn, understood.intent);
  if (level === "middle" && understood.intent !== "unknown") return didYouMean(turn, understood);
  return saleFromText(turn) ?? notUnderstood(turn);
}

/** Confidence a sale or an expense without an amount needs before the bot asks "what did you sell?". */
const SALE_STEPS_AT = 0.7;

/** What people say to the team rather than to the bot. */
const CHAT: ReadonlySet<Intent> = new Set(["greeting", "thanks", "question", "unknown"]);


const RSVP_ANSWERS = { rsvp_yes: "yes", rsvp_no: "no", rsvp_late: "late" } as const;

/** Whether the person has training days to come to: a member of a cohort. */
const attendsSessions = (turn: Turn) => turn.person.role === "participant" && turn.person.stage === "member";

/** Does what an intent asks, with the facts of the understood text. */
function act(turn: Turn, intent: Intent): EngineResult {
  const slots = turn.understood?.slots ?? {};
  switch (intent) {
    case "greeting":
      return greet(turn);
    case "thanks":
      return thank();
    // Coming or not is a member's answer: a coordinator's "je ne pourrai pas venir" records nothing, and a
    // newcomer's bare "oui" under the menu is not read as coming to a training day.
    case "rsvp_yes":
    case "rsvp_no":
    case "rsvp_late":
    {
      if (!attendsSessions(turn)) return notUnderstood(turn);
      // "je viens jeudi mais pas mardi", "mardi et jeudi": each day named gets its answer.
      const days = answersByDay(turn, RSVP_ANSWERS[intent]);
      return days ? rsvpForDays(turn, days) : rsvpByText(turn, RSVP_ANSWERS[intent], slots.day);
    }
    case "question": {
      const answer = turn.understood ? answerQuestion(turn, turn.understood) : notUnderstood(turn);
      // A long message with a question and sales in it ("… vendí 20 empanadas a 2 euros … ¿la formación es obligatoria?"):
      // the question is answered or passed on, and the sales are said not to be recorded, with how to.
      return canLogSales(turn) && mentionsEntries(turn.event.text) ? { ...answer, replies: [...answer.replies, text("sale.one_per_message")] } : answer;
    }
    case "sale":
    case "expense": {
      // The model's word for the kind counts only when it is sure; otherwise the person is asked.
      const sure = turn.understood?.intent === intent && certainty(turn.understood.confidence, turn.understood.intent) === "high" ? intent : undefined;
      return saleFromText(turn, sure) ?? startSaleSteps(turn, sure);
    }
    case "unknown":
      // "15€" alone: an amount without a word; the sale flow asks what it was.
      return saleFromText(turn) ?? notUnderstood(turn);
    default: {
      const command = intent as Command;
      if (command === "stop") return optOut(turn.person);
      if (command === "start") return idle([mainMenu(turn.person, turn.context)]);
      return globalAction({ ...turn, command, choiceId: undefined }) ?? notUnderstood(turn);
    }
  }
}

/** The person tapped one of the "Did you mean …?" guesses, or "Something else". */
function onDidYouMean(turn: Turn): EngineResult {
  const words = String(turn.conversation.data["text"] ?? "");
  const intent = turn.choiceId!.slice(4) as Intent;
  const original: Turn = { ...turn, conversation: { flow: null, step: null, data: {} }, event: { ...turn.event, text: words }, choiceId: undefined };
  if (intent === ("other" as Intent)) return passOn(original, words);
  return act(original, intent);
}

/** Flows that "annuler" stops, each with its own answer, rather than looking for a sale to undo. */
const CANCELLED_BY_UNDO: ReadonlySet<string> = new Set([SALE, MANAGE, BROADCAST]);
/** What the team reads when "stop" ends one of those flows. */
const STOPPED_BY_STOP: Record<string, string> = { [SALE]: "sale.cancelled", [MANAGE]: "manage.stopped", [BROADCAST]: "broadcast.cancelled" };

/**
 * What comes before the menu asked for ("menu", "what can you do?", "what is this?"): the team's
 * commands for a coordinator; for someone new, what Migracoop is, which the menu alone does not say.
 */
function menuHeading(turn: Turn): ReturnType<typeof text>[] {
  if (turn.person.role !== "participant") return [text("help.coordinator")];
  return turn.person.stage === "newcomer" && !turn.context.application ? [text("welcome.programme")] : [];
}

/** No flow waits for the person's words ("Did you mean …?" aside): what they type may be a request of its own. */
const outsideFlows = (turn: Turn) => !turn.conversation.flow || turn.conversation.flow === UNDERSTAND || turn.conversation.flow === ANSWER_GUESS;

/** The month, week or day the words of a command name ("combien en novembre", "export novembre"); none for a tapped choice. */
/** The period a command's words name; the team's "aujourd'hui" too, as their totals have no line for today. */
const periodSaid = (turn: Turn, command: Command) =>
  turn.command === command && turn.event.text ? periodIn(turn.event.text, turn.now, turn.person.timezone, { today: turn.person.role !== "participant", current: command === "export" }) : undefined;

/** Commands and choices that mean the same in every flow. */
function globalAction(turn: Turn): EngineResult | undefined {
  const { command, choiceId, person, context } = turn;
  // The team's requests in words, outside a flow that waits for their words.
  const asked = outsideFlows(turn) ? teamRequest(turn) : undefined;
  if (asked) return asked;
  const named = turn.understood?.slots.language;
  if (command === "language" && named) return afterLanguage(turn, named);
  if (command === "language" || choiceId === "menu:language") return idle([languageMenu(scriptGroupOf(person.locale))]);
  if (command === "menu" || choiceId === "menu:show") return idle([...menuHeading(turn), mainMenu(person, context)]);
  if (command === "mydata" || choiceId === "menu:mydata") {
    return idle([{ type: "document", what: "my_data" }, choices("mydata.erase_offer", [option("erase:ask", "erase.ask")])]);
  }
  if (command === "erase" || choiceId === "erase:ask") return askErase();
  if (command === "human" || choiceId === "menu:human") return requestHuman(turn);
  if (command === "applications" || choiceId === "menu:applications") return listApplications(turn);
  if (isReviewChoice(choiceId)) return onReviewChoice(turn);
  if (isBridgeChoice(choiceId)) return onBridgeChoice(turn);
  if (choiceId?.startsWith("lang:")) {
    const locale = choiceId.slice(5);
    if (isLocale(locale)) return afterLanguage(turn, locale);
  }
  if (choiceId === "menu:enrol" || choiceId === "menu:application" || (choiceId?.startsWith("enrol:") && turn.conversation.flow !== ENROL)) {
    return startEnrolment(turn);
  }
  if (choiceId === "menu:sale") return startSaleSteps(turn);
  if (command === "broadcast" || choiceId === "menu:broadcast") return startBroadcast(turn);
  // In a flow where nothing is written until its end, "annuler" stops that flow (the flow's own answer).
  if (command === "undo" && !CANCELLED_BY_UNDO.has(turn.conversation.flow ?? "")) return askUndo(turn);
  if (command === "totals" || choiceId === "menu:totals") {
    // "combien en novembre", "ventes de la semaine dernière": that period's figures.
    const period = periodSaid(turn, "totals");
    return idle([{ type: "totals", scope: person.role === "participant" ? "me" : "cohorts", ...(period ? { period } : {}) }]);
  }
  if (command === "export" || choiceId === "menu:export") {
    if (person.role === "participant") return idle([text("errors.not_allowed")], [{ type: "audit", action: "denied", subject: "export" }]);
    // "export novembre": that month's entries only, its name in the file's.
    const period = periodSaid(turn, "export");
    return idle([{ type: "export_sales", ...(period ? { period } : {}) }], [{ type: "audit", action: "export.sales" }]);
  }
  if (command === "sessions" || choiceId === "menu:sessions") return person.role === "participant" ? nextSessions(turn) : listSessionsToManage(turn);
  if (choiceId?.startsWith("ss:")) return onManage(turn);
  if (isRsvpChoice(choiceId)) return answerRsvp(turn);
  if (isCheckInChoice(choiceId)) return onCheckIn(turn);
  if (choiceId === "roadmap:show") return idle([{ type: "roadmap" }]);
  if (command === "roadmap" || choiceId === "menu:roadmap") return startRoadmapWriting(turn);
  if (command === "console" || choiceId === "menu:console") return consoleLink(turn);
  if (choiceId?.startsWith("rm:")) return onRoadmapWriting(turn);
  if (choiceId === "application:show") {
    const status = context.application?.status;
    return idle([text(status === "accepted" || person.stage === "member" ? "enrol.already_member" : status === "declined" ? "application.declined" : "enrol.already_sent"), mainMenu(person, context)]);
  }
  return undefined;
}
