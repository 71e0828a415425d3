import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key pair the emulator accepts signatures from. Real CloudBase refuses a request that is not
 * signed (TC3-HMAC-SHA256) by a key of the account; the emulator does the same with a pair made
 * fresh at every start, so nothing that merely reaches the port — another local web page, a
 * stray script — can read wallets or write to the store.
 */
export interface TcbCredentials {
  secretId: string;
  secretKey: string;
}

/** What `<DATA_DIR>/tcb-credentials.json` holds: enough for another process to sign requests. */
export interface CredentialsFile extends TcbCredentials {
  /** The env id requests name (`?env=`, `envName`). */
  env: string;
  /** Where the emulator listens (the SDK's `serviceUrl` / `TCB_CONTEXT_CNFG.URL`). */
  serviceUrl: string;
  pid: number;
  startedAt: string;
}

export const CREDENTIALS_FILE = 'tcb-credentials.json';
/** The env id of the local environment (file ids are `cloud://local.<bucket>/…`). */
export const LOCAL_ENV_ID = 'local';

/** Shaped like Tencent Cloud's keys (`AKID` + 32, 32 characters) so nothing downstream is surprised. */
export function generateCredentials(): TcbCredentials {
  return { secretId: `AKID${randomBytes(16).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
}

/** Written with mode 0600 through a temp file and a rename, so a reader never sees half a file. */
export function writeCredentialsFile(dataDir: string, content: Omit<CredentialsFile, 'pid' | 'startedAt'>): string {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const body: CredentialsFile = { ...content, pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  // The mode given to writeFileSync is filtered by the umask; chmod makes 0600 exact.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

/** A previous run's keys are dead once this start begins; never let a tool pick them up. */
export function removeCredentialsFile(dataDir: string): void {
  rmSync(path.join(dataDir, CREDENTIALS_FILE), { force: true });
}

export function readCredentialsFile(dataDir: string): CredentialsFile {
  const parsed = JSON.parse(readFileSync(path.join(dataDir, CREDENTIALS_FILE), 'utf8')) as Partial<CredentialsFile>;
  if (typeof parsed.secretId !== 'string' || typeof parsed.secretKey !== 'string' || typeof parsed.serviceUrl !== 'string') {
    throw new Error(`${CREDENTIALS_FILE} in ${dataDir} is not a credentials file`);
  }
  return parsed as CredentialsFile;
}

/**
 * The environment a cloud function gets on SCF, pointed at the emulator: the SDK's own endpoint
 * override (`TCB_CONTEXT_CNFG`, read per request by node-sdk utils/tcbcontext.js getServerInjectUrl),
 * the env id (`SCF_NAMESPACE`, which getEnvIdFromContext resolves `SYMBOL_CURRENT_ENV` to), the role
 * keys (`TENCENTCLOUD_SECRETID/SECRETKEY`, read per request by getCredentialsOnDemand) and
 * `TENCENTCLOUD=true` so it does not probe the cloud metadata host. A production bundle run with
 * exactly these variables reaches the emulator without a line of project code knowing.
 */
export function functionEnv(serviceUrl: string, creds: TcbCredentials, env = LOCAL_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: serviceUrl }),
    SCF_NAMESPACE: env,
    TENCENTCLOUD_SECRETID: creds.secretId,
    TENCENTCLOUD_SECRETKEY: creds.secretKey,
    TENCENTCLOUD: 'true',
  };
}

/** Hands the keys to the functions in this process the way SCF does (process env; no session token). */
export function applyFunctionEnv(serviceUrl: string, creds: TcbCredentials, env = LOCAL_ENV_ID): void {
  Object.assign(process.env, functionEnv(serviceUrl, creds, env));
  // Local keys are permanent keys, not STS ones: a token left over would be sent and mean nothing.
  delete process.env.TENCENTCLOUD_SESSIONTOKEN;
}

/** Where local mode keeps the limit markers' key (cloudfunctions/_privacy/markers.ts), one per data directory. */
export const MARKER_KEY_FILE = 'privacy-marker-key';
let markerKeyFromLocal = false;

/**
 * Local mode's `PRIVACY_MARKER_KEY`: random, generated once per data directory and kept there
 * (mode 0600), so markers keep working across restarts of `npm start` — a deployed function gets
 * its key from the deployer instead (scripts/deploy/env-vars.ts). A key the person starting the
 * server set in the environment wins.
 */
export function applyLocalMarkerKey(dataDir: string): void {
  if (process.env.PRIVACY_MARKER_KEY && !markerKeyFromLocal) return;
  const file = path.join(dataDir, MARKER_KEY_FILE);
  let key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (key.length < 32) {
    key = randomBytes(32).toString('hex');
    writeFileSync(file, key, { mode: 0o600 });
  }
  process.env.PRIVACY_MARKER_KEY = key;
  markerKeyFromLocal = true;
}
