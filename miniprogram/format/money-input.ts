/**
 * A yuan amount typed by the customer ("100", "99.9", "0.50") → integer fen, by string
 * arithmetic so no float ever touches money (DESIGN rule 1). Anything else → undefined.
 */
export function parseYuanInput(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}
