import qrcode from 'qrcode-generator';

/** One row of a QR code as runs of equal modules: a row is drawn with a few boxes, not one per module. */
export type QrRow = Array<{ dark: boolean; span: number }>;

/**
 * The modules of a QR code for `text` (error correction M, the smallest version that fits), as
 * rows of runs. Drawn with views, it needs no canvas and no image encoding on either platform.
 */
export function qrRows(text: string): QrRow[] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const rows: QrRow[] = [];
  for (let r = 0; r < n; r++) {
    const row: QrRow = [];
    for (let c = 0; c < n; c++) {
      const dark = qr.isDark(r, c);
      const last = row[row.length - 1];
      if (last && last.dark === dark) last.span++;
      else row.push({ dark, span: 1 });
    }
    rows.push(row);
  }
  return rows;
}
