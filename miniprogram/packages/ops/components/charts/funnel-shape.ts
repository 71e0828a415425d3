export interface FunnelStage {
  key: string;
  label: string;
  value: number;
}

/** Width of each stage in percent of the first (the widest), and its share of the stage before. */
export function funnelShape(stages: readonly FunnelStage[]): Array<FunnelStage & { widthPct: number; fromPrevPct: number | null }> {
  const top = Math.max(0, ...stages.map((s) => s.value));
  return stages.map((s, i) => {
    const prev = i > 0 ? stages[i - 1].value : 0;
    return {
      ...s,
      widthPct: top > 0 ? Math.max(2, (s.value / top) * 100) : 2,
      fromPrevPct: i > 0 && prev > 0 ? Math.round((s.value * 1000) / prev) / 10 : null,
    };
  });
}

