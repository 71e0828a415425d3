import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export const envelopeError = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** HTTP status for an envelope: business refusals are 200 (a normal answer), protocol errors are 4xx. */
export function statusFor(envelope: { ok: boolean; error?: { code: string } }): number {
  if (envelope.ok) return 200;
  switch (envelope.error?.code) {
    case 'INVALID_INPUT':
    case 'UNKNOWN_ACTION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'INTERNAL':
      return 500;
    default:
      return 200;
  }
}
