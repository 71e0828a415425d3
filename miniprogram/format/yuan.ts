import { formatYuan } from '@shared/money/format';

/** Amounts that were charged or will be: always with 分 (¥12.00, not ¥12). */
export const yuan2 = (fen: number) => formatYuan(fen, { trimZeros: false });
