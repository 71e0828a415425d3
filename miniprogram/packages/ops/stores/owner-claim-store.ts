import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { claimCodeProblem, formatClaimCode, normalizeClaimCode } from '@shared/ops/owner-claim';
import type { OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, type Notice } from '../../../stores/notice';

/**
 * 成为店主（首次开店）: the one-time claim code the deploy printed, typed by the person who runs
 * the store. Its shape is checked here first (12 characters, no look-alikes) so a typo costs no
 * try; the server counts wrong codes and locks the account after five. On success the app's role
 * is reloaded (我的 then shows 运营后台) and the page offers 上线检查.
 */
export class OwnerClaimStore {
  code = '';
  /** Why the typed code cannot be right (shown under the field; nothing was sent). */
  problem: string | undefined = undefined;
  submitting = false;
  /** The server's refusal, in Chinese, with what to do. */
  notice: Notice | undefined = undefined;
  /** OWNER_CLAIM_LOCKED: until when (the form stays disabled). */
  lockedUntil: number | undefined = undefined;
  claimed = false;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
    private readonly onClaimed: () => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<OwnerClaimStore, 'service' | 'intents' | 'onClaimed' | 'now'>(this, { service: false, intents: false, onClaimed: false, now: false });
  }

  setCode(v: string): void {
    this.code = v.slice(0, 20);
    this.problem = undefined;
  }

  get locked(): boolean {
    return this.lockedUntil !== undefined && this.lockedUntil > this.now();
  }

  async submit(): Promise<void> {
    // Locked: the server would refuse anyway; a tap on the disabled button sends nothing.
    if (this.submitting || this.claimed || this.locked) return;
    const problem = claimCodeProblem(this.code);
    if (problem) {
      this.problem = problem;
      return;
    }
    // One request per code typed: a lost reply retried with the same code is the same claim.
    const intent = `claim:${normalizeClaimCode(this.code)}`;
    this.submitting = true;
    this.notice = undefined;
    const reply = await this.service.claimOwner(formatClaimCode(this.code), this.intents.idFor(intent, 'claim'));
    this.intents.settleUnlessUnknown(intent, reply);
    if (reply.ok) {
      await this.onClaimed();
      runInAction(() => {
        this.submitting = false;
        this.claimed = true;
      });
      return;
    }
    runInAction(() => {
      this.submitting = false;
      const { code, message, details } = reply.error;
      const until = (details as { lockedUntil?: unknown } | undefined)?.lockedUntil;
      if (code === 'OWNER_CLAIM_LOCKED' && typeof until === 'number') this.lockedUntil = until;
      this.notice = failure(userMessage(code, message));
    });
  }

  reset(): void {
    this.code = '';
    this.problem = undefined;
    this.submitting = false;
    this.notice = undefined;
    this.lockedUntil = undefined;
    this.claimed = false;
  }
}
