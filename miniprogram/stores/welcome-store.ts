import { makeAutoObservable, runInAction } from 'mobx';
import { fullDate } from '../format/date';
import type { CustomerService, VisitResult } from '../services/customer';
import type { DeviceStorage } from '../services/device-storage';
import type { SessionStore } from './session-store';

export interface WelcomeOptions {
  /** The device clock (only to notice that the app came back on a new day). */
  now?: () => number;
  /** Where a failed visit is reported: it never reaches the customer. */
  log?: (message: string) => void;
}

const warn = (message: string) => console.warn(message);

/**
 * First response (PRODUCT.md): every app launch — and every return to the app on a later day —
 * records the customer's visit (`customer.visit`, once per business day on the server, an
 * interaction signal for segments). Its answer says whether the onboarding survey is still open to
 * this customer; the 首页 then shows the welcome unless the customer chose 以后再说 on this device
 * today. Recording a visit never blocks or interrupts anything: a failure is logged and retried
 * on the next show.
 */
export class WelcomeStore {
  visit: VisitResult | undefined = undefined;
  /** The business day on which this device was told 以后再说. */
  laterDay: string | undefined = undefined;
  private visiting: Promise<void> | undefined = undefined;
  /** Device time of the last visit the server acknowledged. */
  private visitedAt: number | undefined = undefined;
  private generation = 0;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly service: CustomerService,
    private readonly device: DeviceStorage,
    private readonly session: SessionStore,
    opts: WelcomeOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? warn;
    makeAutoObservable<WelcomeStore, 'service' | 'device' | 'session' | 'visiting' | 'visitedAt' | 'generation' | 'now' | 'log'>(this, {
      service: false,
      device: false,
      session: false,
      visiting: false,
      visitedAt: false,
      generation: false,
      now: false,
      log: false,
    });
  }

  /** The welcome card: a customer who has not answered the survey, unless put off today on this device. */
  get showWelcome(): boolean {
    const v = this.visit;
    return v !== undefined && v.surveyPending && this.laterDay !== v.day;
  }

  /**
   * App launch or back from the background: record today's visit unless this app already did
   * today. Resolves when the visit in flight (if any) is settled; callers need not wait.
   */
  onAppShow(): Promise<void> {
    if (!this.session.isLoggedIn) return Promise.resolve();
    if (this.visiting) return this.visiting;
    if (this.visitedAt !== undefined && fullDate(this.visitedAt) === fullDate(this.now())) return Promise.resolve();
    return this.recordVisit();
  }

  /** `customer.visit`; concurrent calls share one request. Never rejects. */
  recordVisit(): Promise<void> {
    if (this.visiting) return this.visiting;
    const generation = this.generation;
    const done = (reply: Awaited<ReturnType<CustomerService['visit']>> | undefined, fault?: unknown) =>
      runInAction(() => {
        if (generation !== this.generation) return;
        this.visiting = undefined;
        if (!reply?.ok) {
          // Nothing for the customer to do: the next app show tries again.
          this.log(`[welcome] customer.visit failed: ${reply ? `${reply.error.code} ${reply.error.message}` : String(fault)}`);
          return;
        }
        this.visit = reply.data;
        this.visitedAt = this.now();
        this.laterDay = this.device.get(this.laterKey());
      });
    this.visiting = this.service.visit().then(done, (e: unknown) => done(undefined, e));
    return this.visiting;
  }

  /** 以后再说: no welcome on this device for the rest of the day (the survey stays open in 我的). */
  later(): void {
    if (!this.visit) return;
    this.laterDay = this.visit.day;
    this.device.set(this.laterKey(), this.visit.day);
  }

  /** The survey was answered: the welcome has done its job. */
  surveyAnswered(): void {
    if (this.visit) this.visit = { ...this.visit, surveyPending: false };
  }

  // Per person on H5, where the dev login switches between customers on one browser.
  private laterKey(): string {
    return `welcomeLater:${this.session.devOpenid ?? 'me'}`;
  }

  reset(): void {
    this.generation++;
    this.visiting = undefined;
    this.visitedAt = undefined;
    this.visit = undefined;
    this.laterDay = undefined;
  }
}
