import type { z } from "zod";

/**
 * A configuration error as people read it: each problem as `VARIABLE: what is wrong`, joined by "; ".
 * @example describeIssues(err) // "PORT: expected number; DEEPL_API_KEY: is required because TRANSLATE_PROVIDERS names deepl"
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      const expected = issue.code === "custom" ? issue.message : `expected ${issue.message}`;
      return `${variable}: ${expected}`;
    })
    .join("; ");
}
