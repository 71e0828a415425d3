/** Display only: fen → "¥12.34" (or "¥12" when whole). Yuan never goes back into arithmetic. */
export function formatYuan(amountFen: number, opts: { trimZeros?: boolean } = {}): string {
  const trim = opts.trimZeros ?? true;
  const neg = amountFen < 0;
  const abs = Math.abs(amountFen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const yuanText = yuan.toLocaleString('en-US');
  const body = trim && cents === 0 ? yuanText : `${yuanText}.${String(cents).padStart(2, '0')}`;
  return `${neg ? '-' : ''}¥${body}`;
}
