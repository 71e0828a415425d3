import http from 'node:http';
import { WAIT_BUDGET_MS } from './wait-until';

/**
 * A plain keep-alive HTTP client for the reliability suites: about twice as fast per call as
 * `fetch` on one machine (which matters at tens of thousands of fuzz calls), and it reports a
 * server that died mid-request as an error rather than hanging.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpAnswer {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export function request(url: string, opts: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const body = opts.body ?? '';
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'POST', agent, headers: { ...(opts.headers ?? {}), ...(opts.method === 'GET' ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    const budget = opts.timeoutMs ?? WAIT_BUDGET_MS;
    req.setTimeout(budget, () => req.destroy(new Error(`no answer within ${budget} ms: ${url}`)));
    req.on('error', reject);
    req.end(opts.method === 'GET' ? undefined : body);
  });
}

/** POST a JSON body, parse the JSON answer (the gateway's envelope). */
export async function postJson<T = unknown>(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs?: number): Promise<T> {
  const a = await request(url, { body: JSON.stringify(body), headers, timeoutMs });
  return JSON.parse(a.text) as T;
}

/** Close idle keep-alive sockets (a finished script must not wait on them). */
export const closeIdleSockets = () => agent.destroy();
