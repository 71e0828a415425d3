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
}

export interface SimRefund {
  outRefundNo: string;
  outTradeNo: string;
  refundFee: number;
  refundId: string;
  createdAt: number;
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
  }

  get(outTradeNo: string): SimPayment | undefined {
    return this.db.prepare('SELECT * FROM payments WHERE outTradeNo = ?').get(outTradeNo) as SimPayment | undefined;
  }

  insert(p: SimPayment): void {
    this.db
      .prepare(`INSERT INTO payments VALUES (@outTradeNo, @totalFee, @body, @openid, @callbackFunction, @prepayId, @state, @transactionId, @createdAt, @paidAt, @callbackAnswer)`)
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

  /** Inserts a refund if the total stays within the payment; atomic (one SQLite transaction). */
  addRefund(r: SimRefund, totalFee: number): 'ok' | 'exceeds' | 'duplicate' {
    return this.db.transaction((): 'ok' | 'exceeds' | 'duplicate' => {
      if (this.getRefund(r.outRefundNo)) return 'duplicate';
      const already = this.refundsOf(r.outTradeNo).reduce((s, x) => s + x.refundFee, 0);
      if (already + r.refundFee > totalFee) return 'exceeds';
      this.db.prepare('INSERT INTO refunds VALUES (@outRefundNo, @outTradeNo, @refundFee, @refundId, @createdAt)').run(r);
      return 'ok';
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

  close(): void {
    this.db.close();
  }
}
