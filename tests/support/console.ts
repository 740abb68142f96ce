import type { PrismaClient } from "../../src/db/generated/client.ts";

/** The console's environment for tests: an https PUBLIC_URL (Secure cookies) and a long enough secret. */
export const CONSOLE_ENV = { PUBLIC_URL: "https://console.example.org", CONSOLE_SECRET: "test-console-secret-0123456789abcdef-xyz", CONSOLE_SIGNIN_PER_MINUTE: "1000" };

/** A sign-in link's path on the test server (the link names PUBLIC_URL, the test server is on 127.0.0.1). */
export const linkPath = (url: string) => new URL(url).pathname;

/** `name=value` of the session cookie a response sets, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("mc_console="));
  const pair = set?.split(";")[0];
  return pair && pair !== "mc_console=" ? pair : undefined;
}

export async function get(baseUrl: string, path: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

/** Follows a sign-in link: the session cookie, or a failure naming the status. */
export async function signIn(baseUrl: string, url: string): Promise<string> {
  const res = await get(baseUrl, linkPath(url));
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** The CSRF token in a page's sign-out form. */
export function csrfOf(page: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
}

export async function postForm(baseUrl: string, path: string, cookie: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
}

/** A person with an address on Telegram, in a role. */
export async function personWithRole(prisma: PrismaClient, externalId: string, role: "participant" | "coordinator" | "admin", firstName: string, locale = "fr") {
  return prisma.person.create({ data: { role, firstName, locale, localeConfirmed: true, identities: { create: { channel: "telegram", externalId } } } });
}
