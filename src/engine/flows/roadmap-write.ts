import { choices, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import { refuse } from "./refuse.ts";
import type { EngineResult } from "../types.ts";
import { workload } from "../workload.ts";

export const ROADMAP_WRITE = "roadmap_write";
export const ROADMAP_SECTIONS = ["strengths", "improvements", "resources", "partners", "next_steps"] as const;
export type RoadmapSection = (typeof ROADMAP_SECTIONS)[number];

/** Coordinators write a roadmap in the chat: whose, which section, then the lines (one per line). */
export function startRoadmapWriting(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "roadmap");
  const members = workload(turn.context).roadmapMembers;
  if (members.length === 0) return idle([text("roadmap_write.no_member")]);
  return reply({ flow: ROADMAP_WRITE, step: "who", data: {} }, [
    choices("roadmap_write.who", members.slice(0, 10).map((m) => ({ id: `rm:p:${m.id}`, label: m.name }))),
  ]);
}

function askSection(personId: string, name: string): EngineResult {
  return reply({ flow: ROADMAP_WRITE, step: "section", data: { personId, name } }, [
    choices("roadmap_write.section", [...ROADMAP_SECTIONS.map((s) => option(`rm:s:${s}`, `roadmap.sections.${s}`)), option("rm:done", "roadmap_write.done")], { name }),
  ]);
}

export function onRoadmapWriting(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return startRoadmapWriting(turn);
  const id = turn.choiceId ?? "";
  const data = turn.conversation.data as { personId?: string; name?: string; section?: RoadmapSection };
  if (id === "rm:done") return idle([text("roadmap_write.saved", { name: data.name ?? "" })]);
  if (id.startsWith("rm:p:")) {
    const member = workload(turn.context).roadmapMembers.find((m) => m.id === id.slice(5));
    return member ? askSection(member.id, member.name) : startRoadmapWriting(turn);
  }
  if (id.startsWith("rm:s:") && data.personId) {
    const section = id.slice(5) as RoadmapSection;
    if (!ROADMAP_SECTIONS.includes(section)) return askSection(data.personId, data.name ?? "");
    return reply({ flow: ROADMAP_WRITE, step: "lines", data: { ...data, section } }, [text(section === "partners" ? "roadmap_write.lines_partners" : "roadmap_write.lines")]);
  }
  if (turn.conversation.step === "lines" && data.personId && data.section) {
    const lines = (turn.event.text ?? "").split(/\n+/).map((l) => l.trim()).filter(Boolean).slice(0, 20);
    if (lines.length === 0) return reply(turn.conversation, [text("roadmap_write.lines")]);
    const next = askSection(data.personId, data.name ?? "");
    return { ...next, replies: [text("roadmap_write.added", { count: lines.length }), ...next.replies], effects: [{ type: "roadmap_lines", personId: data.personId, section: data.section, lines }] };
  }
  return data.personId ? askSection(data.personId, data.name ?? "") : startRoadmapWriting(turn);
}
