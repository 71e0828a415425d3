import type { ErrorCode } from './codes';

/** A business failure: an expected outcome with a stable code, never an exception. */
export interface AppError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, message: string, details?: unknown): { ok: false; error: AppError } => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export const isFailure = (v: unknown): v is { ok: false; error: AppError } =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false && 'error' in v;
