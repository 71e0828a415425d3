import type { IncomingMessage } from 'node:http';

/**
 * What a local server must refuse because of *who* sent a request rather than what it asks.
 * The local store listens on loopback, but loopback is reachable from every web page the
 * developer opens: a page can POST to it cross-site (no CORS needed to *send*), and a page on a
 * domain that re-resolves to 127.0.0.1 (DNS rebinding) even reads the answers as same-origin.
 * The Host header gives rebinding away; Origin / Sec-Fetch-Site give a cross-site page away.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const hostName = (h: string): string => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/**
 * True when the Host header names this server: a loopback name (or the address it is bound to)
 * with the port the connection arrived on. `localhost` is fine: browsers never let DNS answer it.
 */
export function isOwnHost(req: IncomingMessage, boundHost?: string): boolean {
  const host = req.headers.host?.toLowerCase();
  const port = req.socket.localPort;
  if (!host || !port) return false;
  const names = boundHost ? [...LOOPBACK_NAMES, hostName(boundHost.toLowerCase())] : LOOPBACK_NAMES;
  return names.some((n) => host === `${n}:${port}` || (port === 80 && host === n));
}

/**
 * What only a browser adds: `Origin` (on every POST, same-origin included) or `Sec-Fetch-Site`.
 * Server SDKs and curl send neither. (`Sec-Fetch-Mode` alone is no sign: Node's own fetch sends it.)
 */
export function isBrowserRequest(req: IncomingMessage): boolean {
  return req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined;
}

/**
 * Why a browser request comes from another site, or null when it is the H5 app itself (same
 * origin) or not a browser at all. Fetch metadata first (`Sec-Fetch-Site` is set by the browser
 * and cannot be forged by a page); Origin covers browsers without it.
 */
export function crossSiteReason(req: IncomingMessage): string | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${String(site).slice(0, 20)}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return `Origin: ${String(origin).slice(0, 80)}`;
  return null;
}
