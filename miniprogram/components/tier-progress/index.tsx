import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import type { TiersView } from '@shared/tiers/view';
import { tierBar, tierHeadline } from '../../format/tiers';
import './index.css';

export interface TierProgressProps {
  /** Root id; parts are `${id}-text`, `${id}-fill`, `${id}-mark-<i>`, `${id}-label-<i>`, `${id}-spend`. */
  id: string;
  view: TiersView;
  /** The 我的 page's one-card version: no threshold labels. */
  compact?: boolean;
  /** Extra line at the bottom right, e.g. "查看消费礼 ›". */
  action?: string;
  onTap?: () => void;
}

/**
 * Cumulative-spend progress: "再消费 ¥X 可领取 <gift>", a bar across the tiers with every
 * threshold marked (amounts from the server's view, never configured here), and the current
 * qualifying spend. Presentational: the page passes the view.
 */
/** A threshold's tick on the bar and its label under it share the reached / last modifiers. */
const markClass = (part: 'mark' | 'label', reached: boolean, last: boolean) => `tier-progress__${part} ${reached ? `tier-progress__${part}--reached` : ''} ${last ? `tier-progress__${part}--last` : ''}`;

export function TierProgress({ id, view, compact, action, onTap }: TierProgressProps) {
  if (view.tiers.length === 0) return null;
  const bar = tierBar(
    view.qualifyingSpendFen,
    view.tiers.map((t) => t.thresholdFen),
  );
  const last = bar.marks.length - 1;
  return (
    <View className={`surface tier-progress ${compact ? 'tier-progress--compact' : ''}`} id={id} onClick={onTap}>
      <Text className='tier-progress__headline' id={`${id}-text`}>
        {tierHeadline(view)}
      </Text>
      <View className='tier-progress__track'>
        <View className='tier-progress__fill' id={`${id}-fill`} style={{ width: `${bar.fillPercent}%` }} />
        {bar.marks.map((m, i) => (
          <View
            key={m.thresholdFen}
            className={markClass('mark', m.reached, i === last)}
            id={`${id}-mark-${i}`}
            style={{ left: `${m.percent}%` }}
          />
        ))}
      </View>
      {compact ? null : (
        <View className='tier-progress__labels'>
          {bar.marks.map((m, i) => (
            <Text
              key={m.thresholdFen}
              className={markClass('label', m.reached, i === last)}
              id={`${id}-label-${i}`}
              style={{ left: `${m.percent}%` }}
            >
              {formatYuan(m.thresholdFen)}
            </Text>
          ))}
        </View>
      )}
      <View className='tier-progress__foot'>
        <Text className='tier-progress__spend' id={`${id}-spend`}>
          累计消费 {formatYuan(view.qualifyingSpendFen)}
        </Text>
        {action ? <Text className='tier-progress__action'>{action}</Text> : null}
      </View>
    </View>
  );
}
