import type { ConsolePage } from "../kit.ts";
import { applicationsPage } from "./applications/routes.ts";
import { inboxPage } from "./inbox/routes.ts";
import { salesPage } from "./sales/routes.ts";
import { todayPage } from "./today/routes.ts";

/** Every page of the console, each in its own folder (data.ts reads, view.ts renders, routes.ts wires). */
export const PAGES: ConsolePage[] = [todayPage, inboxPage, applicationsPage, salesPage];
