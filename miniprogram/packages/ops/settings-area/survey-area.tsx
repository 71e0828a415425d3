import '../zod-setup';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Settings, SurveyQuestion } from '@shared/settings';
import { SURVEY_QUESTION_KIND_LABELS } from '@shared/settings/survey';
import { optionsOf } from '@shared/settings/promotions';
import { BoolField, ChoiceField, fieldId, IntField, ItemActions, ItemCard, MoneyField, OptionalTextField, ReadOnlyId, TextAreaField, TextField } from '../components/settings-fields';
import { newSurveyOption, newSurveyQuestion, SURVEY_LIMITS } from '../format/settings-form';
import type { SettingsEditorStore } from '../stores/settings-store';
import './survey-area.css';

type S = SettingsEditorStore;

const KINDS = optionsOf(SURVEY_QUESTION_KIND_LABELS);

/** A problem with a whole list (duplicate ids, too few options), shown under it. */
const ListError = observer(function ListError({ s, path }: { s: S; path: string }) {
  const error = s.fieldError(path);
  return error ? (
    <Text className='ops-field__error' id={`${fieldId(path)}-error`}>
      {error}
    </Text>
  ) : null;
});

const OptionEditor = observer(function OptionEditor({ s, base, j, count }: { s: S; base: string; j: number; count: number }) {
  const list = `${base}.options`;
  const path = `${list}.${j}`;
  const id = fieldId(path);
  return (
    <View className='survey-edit__option' id={id}>
      <View className='ops-item__head'>
        <Text className='survey-edit__option-title'>选项 {j + 1}</Text>
        <ItemActions
          id={id}
          onUp={j > 0 ? () => s.moveItem(list, j, -1) : undefined}
          onDown={j < count - 1 ? () => s.moveItem(list, j, 1) : undefined}
          onRemove={count > SURVEY_LIMITS.minOptions ? () => s.removeItem(list, j) : undefined}
        />
      </View>
      <TextField s={s} path={`${path}.label`} label='选项文字' />
      <OptionalTextField s={s} path={`${path}.tag`} label='标签' hint='选了此项的顾客进入「客户分群 › 问卷标签」中以选项文字命名的分群；不填则不打标签' maxlength={24} />
      <ReadOnlyId s={s} path={`${path}.id`} why='顾客的回答按编号记录' />
    </View>
  );
});

const QuestionEditor = observer(function QuestionEditor({ s, q, i, count }: { s: S; q: SurveyQuestion; i: number; count: number }) {
  const list = 'survey.questions';
  const base = `${list}.${i}`;
  const options = q.options;
  return (
    <ItemCard
      id={fieldId(base)}
      title={`问题 ${i + 1}${q.title ? `：${q.title}` : ''}`}
      onUp={i > 0 ? () => s.moveItem(list, i, -1) : undefined}
      onDown={i < count - 1 ? () => s.moveItem(list, i, 1) : undefined}
      onRemove={() => s.removeItem(list, i)}
    >
      <TextField s={s} path={`${base}.title`} label='题目' maxlength={80} />
      <ChoiceField s={s} path={`${base}.kind`} label='题型' options={KINDS} />
      <BoolField s={s} path={`${base}.required`} label='必答' hint='不勾选时顾客可以跳过这一题' />
      <ReadOnlyId s={s} path={`${base}.id`} why='顾客的回答按编号记录' />
      <Text className='survey-edit__options-title'>
        选项（{options.length} 个，{SURVEY_LIMITS.minOptions}–{SURVEY_LIMITS.maxOptions} 个）
      </Text>
      <ListError s={s} path={`${base}.options`} />
      {options.map((_, j) => (
        <OptionEditor key={j} s={s} base={base} j={j} count={options.length} />
      ))}
      {options.length < SURVEY_LIMITS.maxOptions ? (
        <Text className='link survey-edit__add' id={`${fieldId(base)}-add-option`} onClick={() => s.addItem(`${base}.options`, () => newSurveyOption(options.map((o) => o.id)))}>
          ＋ 添加选项
        </Text>
      ) : null}
    </ItemCard>
  );
});

/** 问卷: on/off, the intro, and the questions (choices only — nothing beyond them is collected). */
export const SurveyArea = observer(function SurveyArea({ s, d }: { s: S; d: Settings }) {
  const questions = d.survey.questions;
  return (
    <View>
      <View className='card ops-form'>
        <BoolField s={s} path='survey.enabled' label='向新顾客展示问卷' hint='关闭后首页不再邀请填写；顾客已有的回答仍保留，可在「我的」中查看或清除' />
        <TextAreaField s={s} path='survey.intro' label='问卷说明' hint='显示在问卷顶部，最多 200 字' maxlength={200} />
        <Text className='ops__intro'>问卷只有选择题、不收集文字：只问推荐需要的信息（个人信息保护法：最小必要）。</Text>
      </View>
      <ListError s={s} path='survey.questions' />
      {questions.map((q, i) => (
        <QuestionEditor key={i} s={s} q={q} i={i} count={questions.length} />
      ))}
      {questions.length < SURVEY_LIMITS.questions ? (
        <Button className='btn btn--ghost ops-add' id='settings-add-question' onClick={() => s.addItem('survey.questions', newSurveyQuestion)}>
          ＋ 添加问题
        </Button>
      ) : (
        <Text className='ops__intro'>最多 {SURVEY_LIMITS.questions} 个问题。</Text>
      )}
    </View>
  );
});

/** 分群规则: the thresholds of the segment keys (shared/segments/keys.ts). */
export const SegmentRules = ({ s }: { s: S }) => (
  <View className='card ops-form'>
    <Text className='ops__intro'>顾客分层与标签的门槛。活跃 / 沉默 / 沉睡的天数在「生命周期」中设置。</Text>
    <MoneyField s={s} path='segmentRules.ironFanSpendFen' label='铁粉：累计消费至少' hint='有互动且累计消费达到此金额的顾客为铁粉' />
    <MoneyField s={s} path='segmentRules.tierNearFen' label='临近下一档：差额不超过' hint='距下一个消费礼档位不超过此金额的顾客（适合提醒再消费）' />
    <IntField s={s} path='segmentRules.memberExpiringDays' label='会员即将到期：到期前' unit='天' />
    <IntField s={s} path='segmentRules.engagedMinVisits' label='互动客户：至少访问' unit='天' hint='按不同日期计；答过问卷、领过券或打开过消息的顾客也算互动' />
  </View>
);
