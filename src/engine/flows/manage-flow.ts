/** The flow in which the team adds, moves and cancels sessions and takes attendance. */
export const MANAGE = "manage_sessions";
