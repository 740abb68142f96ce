import { startEngineFake, type EngineFake, type FakeAnswer } from "./engine-fake.ts";

/**
 * A fake Whisper-compatible transcription server speaking OpenAI's audio-transcription protocol:
 * `POST /v1/audio/transcriptions`, multipart/form-data with a `file` part (a filename with an
 * extension), `model`, optional `language` and `response_format` → {"text": " …"} (with
 * whisper.cpp's leading space). With `apiKey`, a missing or wrong `Authorization: Bearer` gets
 * OpenAI's 401. Audio whose extension it cannot decode gets whisper.cpp's 400
 * {"error":"failed to read audio data"} (a server without `--convert` cannot read AMR).
 */
export interface FakeWhisper extends EngineFake {
  /** What the server "hears"; by default it names the file and the language asked for. */
  transcript: (file: { filename: string; size: number }, language: string | undefined) => string;
  /** Extensions it decodes (whisper.cpp with --convert decodes what ffmpeg does). */
  readable: string[];
  /** Adds `language` to the JSON answer, as some servers do (OpenAI's verbose_json names it in full). */
  answerLanguage?: string;
}

const openAiError = (status: number, message: string, type: string, code: string | null): FakeAnswer => ({
  status,
  body: { error: { message, type, param: null, code } },
});

export const whisperFailures = {
  rateLimited: (): FakeAnswer =>
    ({ ...openAiError(429, "Rate limit reached for whisper-1 on requests per min (RPM): Limit 50.", "requests", "rate_limit_exceeded"), headers: { "retry-after": "2" } }),
  insufficientQuota: (): FakeAnswer =>
    openAiError(429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"),
  tooLarge: (): FakeAnswer => openAiError(413, "Maximum content size limit (26214400) exceeded.", "server_error", null),
  serverError: (): FakeAnswer => ({ status: 500, body: { error: "failed to process audio" } }),
};

export async function startFakeWhisper(opts: { apiKey?: string } = {}): Promise<FakeWhisper> {
  let fake: FakeWhisper;

  const base = await startEngineFake((req) => {
    if (req.method !== "POST" || req.path !== "/v1/audio/transcriptions") return { status: 404, body: "File Not Found" };
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return openAiError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    if (!req.form || !req.files) return openAiError(400, "fake: expected multipart/form-data", "invalid_request_error", null);
    const file = req.files.file;
    if (!file) return { status: 400, body: { error: "no 'file' field in the request" } };
    if (!req.form.model) return openAiError(400, "you must provide a model parameter", "invalid_request_error", null);
    const format = req.form.response_format;
    if (format !== undefined && !["json", "text", "verbose_json", "srt", "vtt"].includes(format)) {
      return openAiError(400, `Invalid response_format: ${format}`, "invalid_request_error", null);
    }
    const extension = /\.([a-z0-9]+)$/iu.exec(file.filename)?.[1]?.toLowerCase();
    if (!extension || !fake.readable.includes(extension)) return { status: 400, body: { error: "failed to read audio data" } };
    const text = ` ${fake.transcript({ filename: file.filename, size: file.size }, req.form.language)}`;
    if (format === "text") return { status: 200, body: text };
    return { status: 200, body: { text, ...(fake.answerLanguage ? { language: fake.answerLanguage } : {}) } };
  });

  fake = Object.assign(base, {
    transcript: (file: { filename: string; size: number }, language: string | undefined) =>
      `heard ${file.filename} (${file.size} bytes)${language ? ` in ${language}` : ""}`,
    readable: ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"],
  });
  return fake;
}
