/** The console's pages in its navigation, in order: their key (texts `nav.<key>`), path, and who sees the link. */
export const NAV = [
  { key: "today", path: "/console" },
  { key: "inbox", path: "/console/inbox" },
  { key: "applications", path: "/console/applications" },
  { key: "sales", path: "/console/sales" },
] as const satisfies readonly { key: string; path: string; adminOnly?: boolean }[];
export type NavPage = (typeof NAV)[number]["key"];
