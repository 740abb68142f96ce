import type { ConsolePage } from "../kit.ts";
import { announcementsPage } from "./announcements/routes.ts";
import { alumniPage } from "./alumni/routes.ts";
import { applicationsPage } from "./applications/routes.ts";
import { auditPage } from "./audit/routes.ts";
import { impactPage } from "./impact/routes.ts";
import { queuesPage } from "./queues/routes.ts";
import { roadmapsPage } from "./roadmaps/routes.ts";
import { cohortsPage } from "./cohorts/routes.ts";
import { inboxPage } from "./inbox/routes.ts";
import { salesPage } from "./sales/routes.ts";
import { todayPage } from "./today/routes.ts";
import { voicePage } from "./voice/routes.ts";

/** Every page of the console, each in its own folder (data.ts reads, view.ts renders, routes.ts wires). */
export const PAGES: ConsolePage[] = [todayPage, inboxPage, applicationsPage, cohortsPage, announcementsPage, salesPage, roadmapsPage, alumniPage, impactPage, auditPage, queuesPage, voicePage];
