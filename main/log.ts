/**
 * A small structured logger. Services log events, not data: a line never includes a request body, a header
 * or an error's message from a library. `redact` is the last line of defence for anything that slips through:
 * every value registered as secret is blanked out of every line before it is written.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Registers a secret so that it is masked in every later line. */
  addSecret(secret: string): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, now: () => Date = () => new Date()): Logger {
  const secrets = new Set<string>();
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    let line = `${now().toISOString()} ${level} ${message}`;
    if (fields && Object.keys(fields).length > 0) line += ` ${JSON.stringify(fields)}`;
    for (const secret of secrets) line = line.split(secret).join('[redacted]');
    sink(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret: (secret) => {
      // Very short strings would blank out ordinary words; our secrets are 16+ characters.
      if (secret.length >= 6) secrets.add(secret);
    },
  };
}

export const silentLogger: Logger = createLogger(() => {});
