/** The console's pages in its navigation, in order: their key (texts `nav.<key>`), path, and who sees the link. */
export const NAV = [
  { key: "today", path: "/console" },
  { key: "inbox", path: "/console/inbox" },
  { key: "applications", path: "/console/applications" },
  { key: "cohorts", path: "/console/cohorts" },
  { key: "announcements", path: "/console/announcements" },
  { key: "sales", path: "/console/sales" },
  { key: "roadmaps", path: "/console/roadmaps" },
  { key: "alumni", path: "/console/alumni" },
  { key: "impact", path: "/console/impact" },
  { key: "audit", path: "/console/audit" },
  { key: "queues", path: "/console/queues", adminOnly: true },
] as const satisfies readonly { key: string; path: string; adminOnly?: boolean }[];
export type NavPage = (typeof NAV)[number]["key"];
