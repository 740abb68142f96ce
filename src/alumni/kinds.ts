/** Scheduled fires of the programme's end and the months after it. */
export const COHORT_END = "cohort_end";
export const CHECK_IN = "check_in";
export const CHECK_IN_NUDGE = "check_in_nudge";
export const ALUMNI_KINDS = [COHORT_END, CHECK_IN, CHECK_IN_NUDGE] as const;

/** Local hour at which the end of a cohort and the check-ins happen (not at midnight). */
export const FOLLOWUP_HOUR = 11;
/** One gentle reminder when a check-in has no answer after this long. */
export const NUDGE_AFTER_DAYS = 7;
