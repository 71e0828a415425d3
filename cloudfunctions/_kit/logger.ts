/**
 * Structured one-line JSON logs (CloudBase collects stdout). Never log payloads with personal
 * data or secrets — only ids, codes and timings.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const threshold = (): number => ORDER[(process.env.LOG_LEVEL as LogLevel) ?? 'info'] ?? ORDER.info;

export function createLogger(base: Record<string, unknown> = {}): Logger {
  return {
    log(level, msg, fields = {}) {
      if (process.env.LOG_LEVEL === 'silent' || ORDER[level] < threshold()) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...base, ...fields });
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
    },
    child(fields) {
      return createLogger({ ...base, ...fields });
    },
  };
}
