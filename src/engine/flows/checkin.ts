import { choices, option, text } from "../replies.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineResult, Reply } from "../types.ts";

/** Where an alumna's activity stands, with the short codes used in button ids. */
export const ACTIVITY_STATUSES = {
  me: "micro_enterprise",
  as: "association",
  co: "collective",
  rf: "referred",
  pr: "preparing",
  st: "stopped",
} as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[keyof typeof ACTIVITY_STATUSES];
export const STEP_ANSWERS = { d: "done", n: "not_yet", h: "need_help" } as const;

const CHOICE = /^ci:(s|h|n):(.+)$/;

export function isCheckInChoice(id: string | undefined): boolean {
  return !!id && (CHOICE.test(id) || id === "checkin:start" || id === "checkin:later" || id === "checkin:help");
}

/** The first question of a check-in (sent by the scheduler, and again when the person taps "Yes, let's go"). */
export function statusQuestion(checkInId: string, name: string, months: number): Reply {
  return choices(
    "checkin.ask_status",
    Object.entries(ACTIVITY_STATUSES).map(([code, status]) => option(`ci:s:${code}:${checkInId}`, `checkin.status.${status}`)),
    { name, count: months },
  );
}

function helpQuestion(checkInId: string): Reply {
  return choices("checkin.ask_help", [option(`ci:h:y:${checkInId}`, "checkin.help_yes"), option(`ci:h:n:${checkInId}`, "checkin.help_no")]);
}

function stepQuestion(checkInId: string, index: number, step: string): Reply {
  return choices(
    "checkin.ask_step",
    Object.entries(STEP_ANSWERS).map(([code, answer]) => option(`ci:n:${index}:${code}:${checkInId}`, `checkin.step.${answer}`)),
    { step },
  );
}

/**
 * Answers to an alumni check-in. Button ids carry the check-in, so answers land right even days later
 * or after a restart: status → need help? → each roadmap next step (done / not yet / need help) → thanks.
 */
export function onCheckIn(turn: Turn): EngineResult {
  const checkIn = turn.context.checkIn;
  const id = turn.choiceId ?? "";
  if (id === "checkin:later") return idle([text("checkin.later")]);
  if (!checkIn) return idle([text("checkin.none")]);
  if (id === "checkin:start") return idle([statusQuestion(checkIn.id, turn.person.firstName ?? "", checkIn.months)]);
  if (id === "checkin:help") {
    return idle([text("checkin.help_sent")], [
      { type: "checkin_answer", checkInId: checkIn.id, field: "needsHelp", value: "yes" },
      { type: "relay", kind: "request", text: null, language: turn.person.locale ?? "?" },
    ]);
  }
  const [, what, rest] = CHOICE.exec(id) ?? [];
  const parts = (rest ?? "").split(":");
  if (what === "s") {
    const status = ACTIVITY_STATUSES[parts[0] as keyof typeof ACTIVITY_STATUSES];
    if (!status) return idle([statusQuestion(checkIn.id, turn.person.firstName ?? "", checkIn.months)]);
    return idle([text(`checkin.status_ack.${status}`), helpQuestion(checkIn.id)], [{ type: "checkin_answer", checkInId: checkIn.id, field: "activityStatus", value: status }]);
  }
  if (what === "h") {
    const yes = parts[0] === "y";
    const next = checkIn.steps[0] ? stepQuestion(checkIn.id, 0, checkIn.steps[0].text) : text("checkin.thanks");
    return idle([...(yes ? [text("checkin.help_sent")] : []), next], [
      { type: "checkin_answer", checkInId: checkIn.id, field: "needsHelp", value: yes ? "yes" : "no" },
      ...(yes ? [{ type: "relay" as const, kind: "request" as const, text: null, language: turn.person.locale ?? "?" }] : []),
    ]);
  }
  const index = Number(parts[0]);
  const answer = STEP_ANSWERS[parts[1] as keyof typeof STEP_ANSWERS];
  const step = checkIn.steps[index];
  if (!step || !answer) return idle([text("checkin.thanks")]);
  const following = checkIn.steps[index + 1];
  return idle([following ? stepQuestion(checkIn.id, index + 1, following.text) : text("checkin.thanks")], [
    { type: "checkin_answer", checkInId: checkIn.id, field: `step:${step.key}`, value: answer },
  ]);
}
