import { IANAZone } from "luxon";
import { z } from "zod";
import { LOCALES } from "../core/locales.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const url = (schemes: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(/:$/, ""));
      } catch {
        return false;
      }
    }, `a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}`);

/** Environment variables, as DESIGN.md §3 and README list them. */
export const envSchema = z
  .object({
    PORT: z.coerce.number({ error: "a port number" }).int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATABASE_URL: optionalString.pipe(url(["postgres", "postgresql"]).optional()),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    REDIS_URL: url(["redis", "rediss"]).default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - or _ (at most 64)")
      .default("migracoop"),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "a bot token from @BotFather, like 123456:ABC-DEF…").optional(),
    ),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters: letters, digits, - or _").optional(),
    ),
    TELEGRAM_API_ROOT: url(["http", "https"]).default("https://api.telegram.org"),
    // Long polling: only the holder of this Redis lock polls. At most 20 s, so a killed poller is
    // replaced within 30 s (lock lapse + a retry of at most 5 s); below 3 s a pause of the event loop
    // (a garbage collection, a busy machine) could cost the lock.
    TELEGRAM_POLLING_LOCK_SECONDS: z.coerce
      .number({ error: "a number of seconds" })
      .min(1, "at least 1")
      .max(20, "at most 20 (a dead poller must be replaced within 30 s)")
      .default(10),
    WHATSAPP_ACCESS_TOKEN: optionalString,
    WHATSAPP_PHONE_NUMBER_ID: optionalString.pipe(z.string().regex(/^\d+$/, "digits only").optional()),
    WHATSAPP_APP_SECRET: optionalString,
    WHATSAPP_VERIFY_TOKEN: optionalString,
    WHATSAPP_BUSINESS_ACCOUNT_ID: optionalString.pipe(z.string().regex(/^\d+$/, "digits only").optional()),
    WHATSAPP_API_BASE_URL: url(["http", "https"]).default("https://graph.facebook.com"),
    WHATSAPP_MESSAGES_PER_SECOND: z.coerce
      .number({ error: "a number of messages per second" })
      .int()
      .min(1, "at least 1")
      .max(1000, "at most 1000 (WhatsApp's highest throughput)")
      .default(80),
    DEFAULT_LOCALE: z.enum(LOCALES, { error: `one of ${LOCALES.join(", ")}` }).default("fr"),
    DEFAULT_TIMEZONE: z
      .string()
      .refine((v) => IANAZone.isValidZone(v), "an IANA time zone such as Europe/Paris")
      .default("Europe/Paris"),
    RETENTION_MONTHS: z.coerce.number({ error: "a number of months" }).int().min(1).max(240).default(24),
    /** Messages one address may send in a minute before the bot stops answering it (app/flood.ts). */
    FLOOD_MAX_PER_MINUTE: z.coerce.number({ error: "a number of messages" }).int().min(5, "at least 5").max(1000).default(20),
    /** The service's public base URL (console sign-in links); the web console is off without it. */
    PUBLIC_URL: optionalString.pipe(url(["http", "https"]).optional()),
    OPERATOR_SOCKET: optionalString,
    /** Signs the console's CSRF tokens; required with PUBLIC_URL. */
    CONSOLE_SECRET: optionalString.pipe(z.string().min(32, "at least 32 characters (e.g. `openssl rand -hex 32`)").optional()),
    /** Console sign-in attempts one IP address may make per minute. */
    CONSOLE_SIGNIN_PER_MINUTE: z.coerce.number({ error: "a number of attempts" }).int().min(1).max(10_000).default(10),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.PUBLIC_URL !== undefined && env.CONSOLE_SECRET === undefined) {
      ctx.addIssue({ code: "custom", path: ["CONSOLE_SECRET"], message: "is required when PUBLIC_URL is set (at least 32 characters, e.g. `openssl rand -hex 32`)" });
    }
    if (env.TELEGRAM_WEBHOOK_SECRET !== undefined && env.TELEGRAM_BOT_TOKEN === undefined) {
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_BOT_TOKEN"], message: "is required when TELEGRAM_WEBHOOK_SECRET is set" });
    }
    const whatsapp = ["WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"] as const;
    const enabling = whatsapp.slice(0, 2).filter((k) => env[k] !== undefined);
    if (enabling.length === 0) return;
    for (const key of whatsapp) {
      if (env[key] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is required when WhatsApp is enabled (${enabling.join(" and ")} set)`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;
