import { isLocale, LOCALE_NAMES } from "../../core/locales.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import { refuse } from "./refuse.ts";
import type { ApplicationSummary, EngineResult, Reply, Say } from "../types.ts";
import { QUESTIONS } from "./questions.ts";
import { workload } from "../workload.ts";

export const REVIEW = "review";

/** Choice ids of the review flow: view, accept, decline (asked once more, then confirmed) an application; pick a cohort. */
const REVIEW_CHOICE = /^(rv|ra|rd|ry|rc):(.+)$/;

export function isReviewChoice(choiceId: string | undefined): boolean {
  return !!choiceId && REVIEW_CHOICE.test(choiceId);
}

/** The list of applications waiting for a decision. */
export function listApplications(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "applications");
  const pending = workload(turn.context).pendingApplications;
  if (pending.length === 0) return idle([text("review.none"), mainMenu(turn.person, turn.context)]);
  return idle([
    choices(
      "review.list",
      pending.slice(0, 10).map((a) => ({ id: `rv:${a.id}`, label: a.name })),
      { count: pending.length },
    ),
  ]);
}

/** View, accept or decline an application, and choose the cohort it joins. */
export function onReviewChoice(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, turn.choiceId ?? "review");
  const [, action, id] = REVIEW_CHOICE.exec(turn.choiceId ?? "") ?? [];
  if (action === "rc") return accept(turn, String(turn.conversation.data["applicationId"] ?? ""), id!);
  const application = workload(turn.context).pendingApplications.find((a) => a.id === id);
  if (!application) return idle([text("review.gone"), mainMenu(turn.person, turn.context)]);
  if (action === "rv") {
    const lines: Say[] = QUESTIONS.filter((q) => q.key in application.answers).map((q) => {
      const v = application.answers[q.key]!;
      const answer = q.kind === "choice" ? { t: `enrol.questions.${q.key}.options.${v}` } : v.startsWith("voice:") ? { t: "enrol.voice_note" } : v;
      return { key: "enrol.summary_line", params: { label: { t: `enrol.questions.${q.key}.label` }, answer } };
    });
    const detail = choices("review.detail", [option(`ra:${application.id}`, "review.accept"), option(`rd:${application.id}`, "review.decline")], { name: application.name, language: isLocale(application.locale) ? LOCALE_NAMES[application.locale] : application.locale }, lines);
    return idle([withProjectTranslation(detail, application)]);
  }
  // Declining sends the applicant a message at once: asked once more, with the way back to the application.
  if (action === "rd") {
    return idle([choices("review.decline_confirm", [option(`ry:${application.id}`, "review.decline_yes"), option(`rv:${application.id}`, "review.back")], { name: application.name })]);
  }
  if (action === "ry") {
    return idle(
      [text("review.declined", { name: application.name })],
      [{ type: "decide_application", applicationId: application.id, decision: "declined" }, { type: "audit", action: "application.declined", subject: application.id }],
    );
  }
  const cohorts = workload(turn.context).cohorts;
  if (cohorts.length === 0) return idle([text("review.no_cohort")]);
  if (cohorts.length === 1) return accept(turn, application.id, cohorts[0]!.id);
  return reply({ flow: REVIEW, step: "cohort", data: { applicationId: application.id } }, [
    choices("review.pick_cohort", cohorts.slice(0, 10).map((c) => ({ id: `rc:${c.id}`, label: c.name })), { name: application.name }),
  ]);
}

function accept(turn: Turn, applicationId: string, cohortId: string): EngineResult {
  const application = workload(turn.context).pendingApplications.find((a) => a.id === applicationId);
  const cohort = workload(turn.context).cohorts.find((c) => c.id === cohortId);
  if (!application || !cohort) return idle([text("review.gone"), mainMenu(turn.person, turn.context)]);
  return idle(
    [text("review.accepted", { name: application.name, cohort: cohort.name })],
    [
      { type: "decide_application", applicationId, decision: "accepted", cohortId },
      { type: "audit", action: "application.accepted", subject: applicationId },
    ],
  );
}

/** The applicant's project in their words (the question marked `translated`), translated for the reviewer under the answers when translation is on. */
function withProjectTranslation(detail: Reply, application: ApplicationSummary): Reply {
  const question = QUESTIONS.find((q) => q.translated && q.key in application.answers);
  const project = question ? application.answers[question.key] : undefined;
  if (detail.type !== "choices" || !project || project.startsWith("voice:") || !isLocale(application.locale)) return detail;
  const translated: Reply = { ...detail, lines: [...(detail.lines ?? []), { key: "review.project_translation" }] };
  return { ...detail, words: { text: project, from: application.locale, ownerId: application.personId ?? null, translated } };
}
