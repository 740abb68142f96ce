import { isLocale, localeFromHint, LOCALE_NAMES } from "../core/locales.ts";
import { COORDINATOR_COMMANDS, detectCommand, type Lexicon } from "./commands.ts";
import { askErase, ERASE, onErase } from "./flows/erase.ts";
import { continueEnrolment, ENROL, startEnrolment } from "./flows/enrol.ts";
import { isReviewChoice, listApplications, onReviewChoice } from "./flows/review.ts";
import { BROADCAST, continueBroadcast, startBroadcast } from "./flows/broadcast.ts";
import { isCheckInChoice, onCheckIn } from "./flows/checkin.ts";
import { listSessionsToManage, MANAGE, onManage } from "./flows/manage-sessions.ts";
import { onRoadmapWriting, ROADMAP_WRITE, startRoadmapWriting } from "./flows/roadmap-write.ts";
import { coordinatorAnswer, requestHuman, unplaced } from "./flows/relay.ts";
import { answerRsvp, isRsvpChoice, nextSessions } from "./flows/sessions.ts";
import { continueSale, SALE, saleFromText, startSaleSteps } from "./flows/sale.ts";
import { askUndo, onUndo, UNDO } from "./flows/undo.ts";
import { detectLanguage } from "./language/detect.ts";
import { choices, languageMenu, mainMenu, option, text } from "./replies.ts";
import { idle, reply, type Turn } from "./turn.ts";
import type { EngineInput, EngineResult } from "./types.ts";

/**
 * The conversation engine: (state, event, now) → (new state, replies, effects). Pure: no I/O, no clock
 * but `now`, so every behaviour is a row in a table test. Commands that work everywhere come first,
 * then choices with a global meaning, then the active flow, then a helpful menu.
 */
export function step(input: EngineInput, lexicon: Lexicon): EngineResult {
  const choiceId = input.event.choiceId;
  const typedCommand = !choiceId && input.event.text ? detectCommand(input.event.text, lexicon) : undefined;
  // Inside a flow, a participant's answer that happens to be a coordinator word ("annonce" for "how did
  // you hear of us?") is an answer, not a refused command.
  const command = typedCommand && COORDINATOR_COMMANDS.has(typedCommand) && input.person.role === "participant" && input.conversation.flow ? undefined : typedCommand;
  const turn: Turn = { ...input, choiceId, command };
  const { person } = turn;

  if (input.event.unsupportedType === "reaction") {
    // An emoji reaction to one of our messages (👍) is an acknowledgement, not a request: no answer.
    return reply(input.conversation, []);
  }
  if (person.optedOut && command !== "start") {
    // Nothing is said to someone who opted out, until they write "start".
    return reply(input.conversation, []);
  }
  if (command === "stop") return idle([text("optout.confirmed")], [{ type: "opt_out" }]);
  if (person.locale === null && !choiceId?.startsWith("lang:")) return firstContact(turn);
  if (command === "start") {
    return person.optedOut ? idle([text("optout.resumed"), mainMenu(person, turn.context)], [{ type: "opt_in" }]) : idle([mainMenu(person, turn.context)]);
  }
  const answer = coordinatorAnswer(turn, lexicon.reply);
  if (answer) return answer;
  const global = globalAction(turn);
  if (global) return global;
  if (turn.conversation.flow === ENROL) return continueEnrolment(turn);
  if (turn.conversation.flow === ERASE) return onErase(turn);
  if (turn.conversation.flow === SALE) return continueSale(turn);
  if (turn.conversation.flow === BROADCAST) return continueBroadcast(turn);
  if (turn.conversation.flow === UNDO) return onUndo(turn);
  if (turn.conversation.flow === MANAGE) return onManage(turn);
  if (turn.conversation.flow === ROADMAP_WRITE) return onRoadmapWriting(turn);
  return saleFromText(turn) ?? unplaced(turn);
}

/** Commands and choices that mean the same in every flow. */
function globalAction(turn: Turn): EngineResult | undefined {
  const { command, choiceId, person, context } = turn;
  if (command === "language" || choiceId === "menu:language") return idle([languageMenu()]);
  if (command === "menu") return idle(person.role === "participant" ? [mainMenu(person, context)] : [text("help.coordinator"), mainMenu(person, context)]);
  if (command === "mydata" || choiceId === "menu:mydata") {
    return idle([{ type: "document", what: "my_data" }, choices("mydata.erase_offer", [option("erase:ask", "erase.ask")])]);
  }
  if (command === "erase" || choiceId === "erase:ask") return askErase();
  if (command === "human" || choiceId === "menu:human") return requestHuman(turn);
  if (command === "applications" || choiceId === "menu:applications") return listApplications(turn);
  if (isReviewChoice(choiceId)) return onReviewChoice(turn);
  if (choiceId?.startsWith("lang:")) {
    const locale = choiceId.slice(5);
    if (isLocale(locale)) return afterLanguage(turn, locale);
  }
  if (choiceId === "menu:enrol" || choiceId === "menu:application" || (choiceId?.startsWith("enrol:") && turn.conversation.flow !== ENROL)) {
    return startEnrolment(turn);
  }
  if (choiceId === "menu:sale") return startSaleSteps(turn);
  if (command === "broadcast" || choiceId === "menu:broadcast") return startBroadcast(turn);
  if (command === "undo" && turn.conversation.flow !== SALE) return askUndo(turn);
  if (command === "totals" || choiceId === "menu:totals") {
    return idle([{ type: "totals", scope: person.role === "participant" ? "me" : "cohorts" }]);
  }
  if (command === "export" || choiceId === "menu:export") {
    if (person.role === "participant") return idle([text("errors.not_allowed")], [{ type: "audit", action: "denied", subject: "export" }]);
    return idle([{ type: "export_sales" }], [{ type: "audit", action: "export.sales" }]);
  }
  if (command === "sessions" || choiceId === "menu:sessions") return person.role === "participant" ? nextSessions(turn) : listSessionsToManage(turn);
  if (choiceId?.startsWith("ss:")) return onManage(turn);
  if (isRsvpChoice(choiceId)) return answerRsvp(turn);
  if (isCheckInChoice(choiceId)) return onCheckIn(turn);
  if (choiceId === "roadmap:show") return idle([{ type: "roadmap" }]);
  if (command === "roadmap" || choiceId === "menu:roadmap") return startRoadmapWriting(turn);
  if (choiceId?.startsWith("rm:")) return onRoadmapWriting(turn);
  if (choiceId === "application:show") {
    const status = context.application?.status;
    return idle([text(status === "accepted" || person.stage === "member" ? "enrol.already_member" : status === "declined" ? "application.declined" : "enrol.already_sent"), mainMenu(person, context)]);
  }
  return undefined;
}

/** First contact: the platform's language hint, else the language of the text, else ask. Always confirmable. */
function firstContact(turn: Turn): EngineResult {
  const guess = localeFromHint(turn.event.localeHint) ?? (turn.event.text ? detectLanguage(turn.event.text) : undefined);
  if (guess) {
    return idle(
      [text("welcome.intro"), choices("language.confirm", [option(`lang:${guess}`, "language.keep"), option("menu:language", "language.other")], { language: LOCALE_NAMES[guess] })],
      [{ type: "set_locale", locale: guess, confirmed: false }],
    );
  }
  return idle([text("welcome.intro"), languageMenu()], [{ type: "set_locale", locale: turn.defaultLocale, confirmed: false }]);
}

function afterLanguage(turn: Turn, locale: NonNullable<Turn["person"]["locale"]>): EngineResult {
  const effects: EngineResult["effects"] = [{ type: "set_locale", locale, confirmed: true }];
  const isNew = turn.person.role === "participant" && turn.person.stage === "newcomer" && !turn.context.application;
  if (isNew && turn.conversation.flow !== ENROL) {
    return idle([text("language.set"), text("welcome.programme"), mainMenu(turn.person, turn.context)], effects);
  }
  if (turn.conversation.flow === ENROL) {
    // Changing language mid-enrolment: say so, and ask the current question again in the new language.
    const resumed = continueEnrolment({ ...turn, choiceId: "enrol:retry" });
    return { ...resumed, replies: [text("language.set"), ...resumed.replies], effects: [...effects, ...resumed.effects] };
  }
  return idle([text("language.set"), mainMenu(turn.person, turn.context)], effects);
}
