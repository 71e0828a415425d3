import Database from 'better-sqlite3';

/**
 * The simulator's own durable state (it plays WeChat Pay, so it does not live in our database):
 * payments by out_trade_no and refunds by out_refund_no, both idempotent like the real API.
 */
export type SimPaymentState = 'pending' | 'paid' | 'closed';

export interface SimPayment {
  outTradeNo: string;
  totalFee: number;
  body: string;
  openid: string;
  callbackFunction: string;
  prepayId: string;
  state: SimPaymentState;
  transactionId: string | null;
  createdAt: number;
  paidAt: number | null;
  callbackAnswer: string | null;
  /** closeOrder: when it closed the payment, and when it was first asked (the 5-minute rule is checked by tests). */
  closedAt?: number | null;
  firstCloseAt?: number | null;
}

/** refund_status as WeChat Pay v2 reports it. */
export type SimRefundStatus = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

export interface SimRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundFee: number;
  refundId: string;
  createdAt: number;
  /** PROCESSING on acceptance; the result comes later. Rows from before results existed read SUCCESS. */
  status: SimRefundStatus;
  /** The function the result is delivered to (the request's functionName); null for rows from before. */
  callbackFunction: string | null;
  /** 1 = stays PROCESSING until a result is posted (POST /local/pay/refund/<no>/result). */
  held: number;
  /** 0 = the result notification is "lost": only queryRefund tells. */
  notify: number;
  successTime: string | null;
  finishedAt: number | null;
  callbackAnswer: string | null;
  /** Times this out_refund_no was submitted (a failed refund re-submitted keeps its number). */
  submissions: number;
}

/** One call to the shipping-info API as the simulator received it (accepted or refused). */
export interface SimShippingUpload {
  id: number;
  outTradeNo: string | null;
  transactionId: string | null;
  logisticsType: number | null;
  errcode: number;
  errmsg: string;
  body: string;
  at: number;
}

export class PaySimStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS payments (
        outTradeNo TEXT PRIMARY KEY, totalFee INTEGER NOT NULL, body TEXT NOT NULL, openid TEXT NOT NULL,
        callbackFunction TEXT NOT NULL, prepayId TEXT NOT NULL, state TEXT NOT NULL, transactionId TEXT,
        createdAt INTEGER NOT NULL, paidAt INTEGER, callbackAnswer TEXT);
      CREATE TABLE IF NOT EXISTS refunds (
        outRefundNo TEXT PRIMARY KEY, outTradeNo TEXT NOT NULL, refundFee INTEGER NOT NULL,
        refundId TEXT NOT NULL, createdAt INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS shipping_uploads (
        id INTEGER PRIMARY KEY AUTOINCREMENT, outTradeNo TEXT, transactionId TEXT, logisticsType INTEGER,
        errcode INTEGER NOT NULL, errmsg TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS shipping_by_trade ON shipping_uploads (outTradeNo, id);
    `);
    // Data directories from before refund results and closeOrder still open: the new columns are
    // added with defaults (an old refund was final at once, so it reads SUCCESS with no function to notify).
    this.addColumns('payments', { closedAt: 'INTEGER', firstCloseAt: 'INTEGER' });
    this.addColumns('refunds', {
      status: "TEXT NOT NULL DEFAULT 'SUCCESS'",
      callbackFunction: 'TEXT',
      held: 'INTEGER NOT NULL DEFAULT 0',
      notify: 'INTEGER NOT NULL DEFAULT 1',
      successTime: 'TEXT',
      finishedAt: 'INTEGER',
      callbackAnswer: 'TEXT',
      submissions: 'INTEGER NOT NULL DEFAULT 1',
    });
    this.db.exec('CREATE INDEX IF NOT EXISTS refunds_by_status ON refunds (status, outRefundNo)');
  }

  private addColumns(table: string, columns: Record<string, string>): void {
    const have = new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
    for (const [name, decl] of Object.entries(columns)) if (!have.has(name)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${decl}`);
  }

  get(outTradeNo: string): SimPayment | undefined {
    return this.db.prepare('SELECT * FROM payments WHERE outTradeNo = ?').get(outTradeNo) as SimPayment | undefined;
  }

  insert(p: SimPayment): void {
    this.db
      .prepare(
        `INSERT INTO payments (outTradeNo, totalFee, body, openid, callbackFunction, prepayId, state, transactionId, createdAt, paidAt, callbackAnswer)
         VALUES (@outTradeNo, @totalFee, @body, @openid, @callbackFunction, @prepayId, @state, @transactionId, @createdAt, @paidAt, @callbackAnswer)`,
      )
      .run(p);
  }

  /** pending → paid exactly once; returns false when it was not pending. */
  markPaid(outTradeNo: string, transactionId: string, paidAt: number): boolean {
    return this.db.prepare(`UPDATE payments SET state = 'paid', transactionId = ?, paidAt = ? WHERE outTradeNo = ? AND state = 'pending'`).run(transactionId, paidAt, outTradeNo).changes === 1;
  }

  /** Paid payments whose result callback was never acknowledged (`{errcode: 0}`), oldest first. */
  unacknowledgedPaid(): SimPayment[] {
    return this.db.prepare(`SELECT * FROM payments WHERE state = 'paid' AND (callbackAnswer IS NULL OR json_extract(callbackAnswer, '$.errcode') IS NOT 0) ORDER BY paidAt`).all() as SimPayment[];
  }

  recordCallbackAnswer(outTradeNo: string, answer: string): void {
    this.db.prepare('UPDATE payments SET callbackAnswer = ? WHERE outTradeNo = ?').run(answer, outTradeNo);
  }

  refundsOf(outTradeNo: string): SimRefund[] {
    return this.db.prepare('SELECT * FROM refunds WHERE outTradeNo = ? ORDER BY createdAt').all(outTradeNo) as SimRefund[];
  }

  getRefund(outRefundNo: string): SimRefund | undefined {
    return this.db.prepare('SELECT * FROM refunds WHERE outRefundNo = ?').get(outRefundNo) as SimRefund | undefined;
  }

  /**
   * Accepts a refund request, atomically (one SQLite transaction), as WeChat does: a new
   * out_refund_no within what is left of the payment → PROCESSING; the same out_refund_no again with
   * the same amount → accepted again (a PROCESSING, SUCCESS or CHANGE one unchanged — a 退款异常's money
   * waits in WeChat's refund account for the merchant, a re-submission cannot move it; a REFUNDCLOSE
   * one is re-submitted and PROCESSING again, as CloudPay.refund's note 2 implies — inferred, not
   * documented); another amount under a known number → 'mismatch'.
   */
  acceptRefund(r: { outRefundNo: string; outTradeNo: string; refundFee: number; refundId: string; createdAt: number; callbackFunction: string; held: boolean }, totalFee: number): { outcome: 'new' | 'again' | 'resubmitted' | 'exceeds' | 'mismatch'; refund?: SimRefund } {
    return this.db.transaction(() => {
      const prior = this.getRefund(r.outRefundNo);
      if (prior) {
        if (prior.refundFee !== r.refundFee || prior.outTradeNo !== r.outTradeNo) return { outcome: 'mismatch' as const };
        if (prior.status !== 'REFUNDCLOSE') return { outcome: 'again' as const, refund: prior };
        this.db
          .prepare(`UPDATE refunds SET status = 'PROCESSING', held = ?, notify = 1, successTime = NULL, finishedAt = NULL, callbackAnswer = NULL, callbackFunction = ?, submissions = submissions + 1 WHERE outRefundNo = ?`)
          .run(r.held ? 1 : 0, r.callbackFunction, r.outRefundNo);
        return { outcome: 'resubmitted' as const, refund: this.getRefund(r.outRefundNo)! };
      }
      const already = this.refundsOf(r.outTradeNo).filter((x) => x.status !== 'REFUNDCLOSE').reduce((s, x) => s + x.refundFee, 0);
      if (already + r.refundFee > totalFee) return { outcome: 'exceeds' as const };
      this.db
        .prepare(
          `INSERT INTO refunds (outRefundNo, outTradeNo, refundFee, refundId, createdAt, status, callbackFunction, held, notify, submissions)
           VALUES (@outRefundNo, @outTradeNo, @refundFee, @refundId, @createdAt, 'PROCESSING', @callbackFunction, @held, 1, 1)`,
        )
        .run({ ...r, held: r.held ? 1 : 0 });
      return { outcome: 'new' as const, refund: this.getRefund(r.outRefundNo)! };
    })();
  }

  /**
   * PROCESSING → a final status, once; or CHANGE → SUCCESS (the merchant handled the 退款异常 in
   * 商户平台: CHANGE is not final, WeChat Pay staff, community doc 0002e8cd3fcb085fbe40dddae68400).
   * Returns false when it was neither.
   */
  finishRefund(outRefundNo: string, status: Exclude<SimRefundStatus, 'PROCESSING'>, at: number, successTime: string | null, notify: boolean): boolean {
    return (
      this.db
        .prepare(`UPDATE refunds SET status = ?, finishedAt = ?, successTime = ?, notify = ?, held = 0, callbackAnswer = NULL WHERE outRefundNo = ? AND (status = 'PROCESSING' OR (status = 'CHANGE' AND ? = 'SUCCESS'))`)
        .run(status, at, successTime, notify ? 1 : 0, outRefundNo, status).changes === 1
    );
  }

  recordRefundAnswer(outRefundNo: string, answer: string): void {
    this.db.prepare('UPDATE refunds SET callbackAnswer = ? WHERE outRefundNo = ?').run(answer, outRefundNo);
  }

  /** Not held and still PROCESSING: WeChat finishes these by itself. */
  processingUnheld(): SimRefund[] {
    return this.db.prepare(`SELECT * FROM refunds WHERE status = 'PROCESSING' AND held = 0 ORDER BY createdAt`).all() as SimRefund[];
  }

  /** Final refunds whose result notification is owed: never acknowledged with errcode 0 (and not "lost"). */
  unacknowledgedResults(): SimRefund[] {
    return this.db
      .prepare(
        `SELECT * FROM refunds WHERE status IN ('SUCCESS', 'CHANGE', 'REFUNDCLOSE') AND callbackFunction IS NOT NULL AND notify = 1
         AND (callbackAnswer IS NULL OR json_extract(callbackAnswer, '$.errcode') IS NOT 0) ORDER BY finishedAt`,
      )
      .all() as SimRefund[];
  }

  /** pending → closed; returns the payment as it is afterwards (the caller answers ORDERPAID / ORDERCLOSED otherwise). */
  closePayment(outTradeNo: string, at: number): SimPayment | undefined {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE payments SET firstCloseAt = COALESCE(firstCloseAt, ?) WHERE outTradeNo = ?').run(at, outTradeNo);
      this.db.prepare(`UPDATE payments SET state = 'closed', closedAt = ? WHERE outTradeNo = ? AND state = 'pending'`).run(at, outTradeNo);
      return this.get(outTradeNo);
    })();
  }

  getByTransactionId(transactionId: string): SimPayment | undefined {
    return this.db.prepare('SELECT * FROM payments WHERE transactionId = ?').get(transactionId) as SimPayment | undefined;
  }

  recordShipping(u: Omit<SimShippingUpload, 'id'>): void {
    this.db.prepare('INSERT INTO shipping_uploads (outTradeNo, transactionId, logisticsType, errcode, errmsg, body, at) VALUES (@outTradeNo, @transactionId, @logisticsType, @errcode, @errmsg, @body, @at)').run(u);
  }

  /** Newest first; one payment's uploads when `outTradeNo` is given. */
  shippingUploads(outTradeNo?: string, limit = 200): SimShippingUpload[] {
    return (
      outTradeNo
        ? this.db.prepare('SELECT * FROM shipping_uploads WHERE outTradeNo = ? ORDER BY id DESC LIMIT ?').all(outTradeNo, limit)
        : this.db.prepare('SELECT * FROM shipping_uploads ORDER BY id DESC LIMIT ?').all(limit)
    ) as SimShippingUpload[];
  }

  /** False once closed: a callback answered after shutdown must not write (better-sqlite3 throws). */
  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    this.db.close();
  }
}
