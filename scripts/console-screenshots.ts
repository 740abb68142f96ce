/**
 * `npm run console:screenshots [-- OUT_DIR]`: the README's pictures of the console. Starts the real
 * service (web role: no workers, nothing is sent) on a fresh embedded database in a temporary folder,
 * loads the console demo (scripts/console-demo.ts, made-up names), signs in with one-time links, and
 * writes a PNG of every page of the navigation (console/nav.ts, read when it runs) and of one conversation,
 * at 1280×800 and 390×844, into docs/console/ (or OUT_DIR): `<page>-1280.png`, `<page>-390.png`.
 * The coordinator's view, except admin-only pages (the admin's). Needs Redis (REDIS_URL, default local;
 * its own queue prefix, removed at the end) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { chromium, type Browser, type Page } from "playwright-core";
import { consoleAdapter } from "../src/channels/console/adapter.ts";
import { loadConfig } from "../src/config/config.ts";
import { NAV } from "../src/console/nav.ts";
import { silentLogger } from "../src/core/logger.ts";
import { createSignInLink } from "../src/signin/links.ts";
import { startService } from "../src/service.ts";
import { CONSOLE_DEMO, seedConsoleDemo } from "./console-demo.ts";

const OUT = path.resolve(process.argv[2] ?? "docs/console");
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const PUBLIC_URL = "http://127.0.0.1";

const dataDir = await mkdtemp(path.join(tmpdir(), "console-screenshots-"));
const prefix = `screenshots-${Date.now().toString(36)}`;
const config = loadConfig({
  ...process.env,
  DATABASE_URL: undefined,
  DATA_DIR: dataDir,
  HOST: "127.0.0.1",
  QUEUE_PREFIX: prefix,
  LOG_LEVEL: "silent",
  PUBLIC_URL,
  CONSOLE_SECRET: randomBytes(32).toString("base64url"),
  TRANSLATE_PROVIDERS: undefined,
  TRANSCRIBE_URL: undefined,
});
config.http.port = 0;
const service = await startService(config, { role: "web", log: silentLogger, adapters: { console: consoleAdapter(new PassThrough()) } });
let browser: Browser | undefined;
try {
  const address = service.http!.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const { prisma } = service.deps;
  await seedConsoleDemo(prisma);
  await mkdir(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });

  /** A page signed in as the demo's coordinator or admin, through a one-time link as a person would. */
  const signedIn = async (externalId: string): Promise<Page> => {
    const identity = await prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "telegram", externalId } } });
    const made = await createSignInLink(prisma, identity.personId, PUBLIC_URL, new Date());
    if (!("url" in made)) throw new Error(`no sign-in link: ${made.refused}`);
    const context = await browser!.newContext({ viewport: SIZES[0], locale: "fr-FR", colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(`${base}${new URL(made.url).pathname}`);
    return page;
  };
  const coordinator = await signedIn(CONSOLE_DEMO.coordinator);
  const admin = await signedIn(CONSOLE_DEMO.admin);

  const olena = await prisma.person.findFirstOrThrow({ where: { firstName: "Olena" }, include: { relayThreads: { select: { id: true } } } });
  const shots: { name: string; path: string; page: Page }[] = [
    ...NAV.map((n) => ({ name: n.key, path: n.path, page: "adminOnly" in n && n.adminOnly ? admin : coordinator })),
    { name: "inbox-thread", path: `/console/inbox/${olena.relayThreads[0]!.id}`, page: coordinator },
  ];
  for (const shot of shots) {
    for (const size of SIZES) {
      await shot.page.setViewportSize(size);
      const response = await shot.page.goto(`${base}${shot.path}`, { waitUntil: "networkidle" });
      const file = path.join(OUT, `${shot.name}-${size.width}.png`);
      await shot.page.screenshot({ path: file, fullPage: true });
      console.log(`${response?.status() ?? "?"} ${shot.path} → ${path.relative(process.cwd(), file)}`);
    }
  }
} finally {
  await browser?.close();
  const keys = await service.redis.keys(`${prefix}:*`);
  if (keys.length) await service.redis.del(...keys);
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
}
