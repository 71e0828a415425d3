import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { SurveyQuestionView } from '../../../services/customer';
import type { SurveyStore } from '../stores/survey-store';

/** One option: a whole row to tap; a round mark for single choice, a square one for multiple. */
function OptionRow({ id, label, on, multiple, onTap }: { id: string; label: string; on: boolean; multiple: boolean; onTap: () => void }) {
  return (
    <View className={`survey-opt ${on ? 'survey-opt--on' : ''}`} id={id} onClick={onTap}>
      <View className={`survey-opt__mark ${multiple ? 'survey-opt__mark--multiple' : ''}`}>{on ? <Text className='survey-opt__tick'>✓</Text> : null}</View>
      <Text className='survey-opt__label'>{label}</Text>
    </View>
  );
}

/** A question with its options, whether it must be answered, and (after 提交) what is missing. Ids: `survey-q-<id>`, `survey-opt-<q>-<o>`. */
export const QuestionCard = observer(function QuestionCard({ s, q, n }: { s: SurveyStore; q: SurveyQuestionView; n: number }) {
  const problem = s.problems[q.id];
  const multiple = q.kind === 'multiple';
  return (
    <View className={`card survey-q ${problem ? 'survey-q--bad' : ''}`} id={`survey-q-${q.id}`}>
      <View className='survey-q__head'>
        <Text className='survey-q__title'>
          {n}. {q.title}
          {q.required ? <Text className='survey-q__required'> *</Text> : null}
        </Text>
        <Text className='survey-q__kind' id={`survey-q-${q.id}-kind`}>
          {q.required ? '必答' : '选答'} · {multiple ? '可多选' : '单选'}
        </Text>
      </View>
      {q.options.map((o) => (
        <OptionRow key={o.id} id={`survey-opt-${q.id}-${o.id}`} label={o.label} on={s.isChosen(q.id, o.id)} multiple={multiple} onTap={() => s.choose(q.id, o.id)} />
      ))}
      {problem ? (
        <Text className='survey-q__error' id={`survey-q-${q.id}-error`}>
          {problem}
        </Text>
      ) : null}
    </View>
  );
});

/** What is collected, why, and where to see or delete it (PIPL: collect only what is needed). */
export function PrivacyNote({ onAnswersPage }: { onAnswersPage?: boolean }) {
  return (
    <Text className='survey-privacy' id='survey-privacy'>
      隐私说明：我们只记录您在问卷中点选的选项（不收集文字或其他个人信息），仅用于为您推荐更合适的商品和活动。
      {onAnswersPage ? '您可随时在本页修改或清除。' : '您可随时在「我的 › 我的问卷回答」查看、修改或清除。'}
    </Text>
  );
}
