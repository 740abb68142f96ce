import { z } from "zod";

const lines = z.array(z.string().trim().min(1).max(500)).max(20).default([]);

/**
 * A roadmap's own words, section by section, however they are written (a file, the console's form):
 * the same limits everywhere.
 */
export const roadmapContentSchema = z.object({
  strengths: lines,
  improvements: lines,
  resources: lines,
  partners: z
    .array(z.object({ name: z.string().trim().min(1).max(200), contact: z.string().trim().max(300).default(""), why: z.string().trim().max(500).default("") }))
    .max(20)
    .default([]),
  nextSteps: z
    .array(z.object({ key: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/, "letters, digits, - or _"), text: z.string().trim().min(1).max(300) }))
    .max(10)
    .default([]),
});

export type RoadmapContent = z.infer<typeof roadmapContentSchema>;

/**
 * A roadmaps file, as `npm run admin -- roadmap:import FILE` takes it: one roadmap per entrepreneur,
 * written by the coordinators. The words are kept as written; only section titles are translated.
 */
export const roadmapsSchema = z
  .object({
    roadmaps: z.array(
      roadmapContentSchema
        .extend({
          cohort: z.string().trim().min(1),
          person: z.object({ channel: z.enum(["whatsapp", "telegram", "console"]), externalId: z.string().trim().min(1) }),
        })
        .strict(),
    ),
  })
  .strict();

export type RoadmapsFile = z.infer<typeof roadmapsSchema>;
export type RoadmapInput = RoadmapsFile["roadmaps"][number];
