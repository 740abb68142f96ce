import { AppError } from "../core/errors.ts";
import type { Locale } from "../core/locales.ts";
import { envSchema } from "./schema.ts";
import { parseEngineConfig, type EngineConfig } from "../engines/config.ts";
import { describeIssues } from "../core/env-issues.ts";
import { operatorSocketPath } from "./operator-socket-path.mjs";

export interface ConsoleConfig {
  /** The public base URL without a trailing slash: links are `${publicUrl}/console/login/<token>`. */
  publicUrl: string;
  /** At least 32 characters: the HMAC key of the console's CSRF tokens. */
  secret: string;
  /** PUBLIC_URL is https: the session cookie is Secure. */
  secureCookies: boolean;
  /** Sign-in attempts one IP address may make per minute (CONSOLE_SIGNIN_PER_MINUTE, 10 by default). */
  signInPerMinute: number;
}

export interface Config {
  http: { port: number; host: string };
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  redis: { url: string; prefix: string };
  /** Where the service takes operator commands (`npm run admin` asks it there first): a Unix socket only its user can open. */
  operatorSocket: string;
  telegram?: {
    token: string;
    webhookSecret?: string;
    apiRoot: string;
    /** Long polling's lock in Redis lapses this long after its holder's last renewal (loadConfig sets it). */
    pollingLockMs?: number;
  };
  whatsapp?: {
    accessToken: string;
    phoneNumberId: string;
    appSecret: string;
    verifyToken: string;
    businessAccountId?: string;
    baseUrl: string;
    /** The number's throughput (80 by default, 1,000 once Meta upgrades it, 20 for a number shared with the Business app). */
    messagesPerSecond: number;
  };
  /** The coordinators' web console (src/console/): on when PUBLIC_URL is set. */
  console?: ConsoleConfig;
  defaultLocale: Locale;
  defaultTimezone: string;
  /** Personal data of people who left is erased this many months after their last contact. */
  retentionMonths: number;
  /** Messages one address may send in a minute before the bot stops answering it. */
  floodMaxPerMinute: number;
  logLevel: string;
  /** Translation and transcription (TRANSLATE_PROVIDERS, …), validated by engines/config.ts: no provider, no translation. */
  engines: EngineConfig;
}

/**
 * Parses the environment once, at start. Throws an AppError whose message is one line per problem,
 * each naming the variable: `WHATSAPP_APP_SECRET is required when WhatsApp is enabled (…)`.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const engines = engineConfigOrError(env);
  if (!parsed.success || engines instanceof AppError) {
    // Every problem at once, the engines' (TRANSLATE_PROVIDERS, DEEPL_API_KEY, …) included.
    const problems = [parsed.success ? [] : [describeIssues(parsed.error)], engines instanceof AppError ? [engines.message] : []].flat();
    const variables = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]))),
      ...(engines instanceof AppError ? ((engines.context["variables"] as string[] | undefined) ?? []) : []),
    ];
    throw new AppError("config.invalid", problems.join("; "), { variables });
  }
  const e = parsed.data;
  return {
    http: { port: e.PORT, host: e.HOST },
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: `${e.DATA_DIR}/pglite` },
    redis: { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    operatorSocket: operatorSocketPath({ OPERATOR_SOCKET: e.OPERATOR_SOCKET, DATABASE_URL: e.DATABASE_URL, DATA_DIR: e.DATA_DIR, QUEUE_PREFIX: e.QUEUE_PREFIX }),
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          apiRoot: e.TELEGRAM_API_ROOT,
          pollingLockMs: Math.round(e.TELEGRAM_POLLING_LOCK_SECONDS * 1000),
        }
      : undefined,
    whatsapp:
      e.WHATSAPP_ACCESS_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID && e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN
        ? {
            accessToken: e.WHATSAPP_ACCESS_TOKEN,
            phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
            appSecret: e.WHATSAPP_APP_SECRET,
            verifyToken: e.WHATSAPP_VERIFY_TOKEN,
            businessAccountId: e.WHATSAPP_BUSINESS_ACCOUNT_ID,
            baseUrl: e.WHATSAPP_API_BASE_URL,
            messagesPerSecond: e.WHATSAPP_MESSAGES_PER_SECOND,
          }
        : undefined,
    console:
      e.PUBLIC_URL && e.CONSOLE_SECRET
        ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, ""), secret: e.CONSOLE_SECRET, secureCookies: e.PUBLIC_URL.startsWith("https:"), signInPerMinute: e.CONSOLE_SIGNIN_PER_MINUTE }
        : undefined,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    retentionMonths: e.RETENTION_MONTHS,
    floodMaxPerMinute: e.FLOOD_MAX_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    engines,
  };
}

/** `loadConfig` for a command: a bad environment ends the process with its one line and exit code 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    process.stderr.write(`Configuration error: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

function engineConfigOrError(env: Record<string, string | undefined>): EngineConfig | AppError {
  try {
    return parseEngineConfig(env);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}
