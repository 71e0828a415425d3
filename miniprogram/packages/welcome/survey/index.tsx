import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { beforeFirstLoad, EmptyView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { GatedPage } from '../../../components/sign-in-gate';
import { HOME_URL, SURVEY_ANSWERS_URL } from '../../../format/routes';
import { useWhenSignedIn } from '../../../stores/context';
import { PrivacyNote, QuestionCard } from '../components/question-card';
import { useSurvey } from '../stores';
import type { SurveyStore } from '../stores/survey-store';
import '../welcome.css';

const goHome = () => void Taro.switchTab({ url: HOME_URL });

/** Bring the thanks (top) or the first question with a problem into view; best effort. */
function scrollTo(options: Taro.pageScrollTo.Option): void {
  try {
    void Promise.resolve(Taro.pageScrollTo({ duration: 200, ...options })).catch(() => undefined);
  } catch {
    // No page to scroll (an old base library): the messages are still there.
  }
}

async function submit(s: SurveyStore): Promise<void> {
  if (await s.submit()) scrollTo({ scrollTop: 0 });
  else if (Object.keys(s.problems).length) scrollTo({ selector: '.survey-q--bad', offsetTop: -20 });
}

/** After 提交: thanks, what happens next, and what was recorded. */
const ThankYou = observer(function ThankYou({ s }: { s: SurveyStore }) {
  return (
    <View className='card survey-done' id='survey-done'>
      <Text className='survey-done__title'>谢谢您的回答！</Text>
      <Text className='survey-done__text'>接下来我们会按您的偏好为您推荐商品和活动，只推荐您关心的。</Text>
      <View className='survey-done__answers' id='survey-done-answers'>
        {s.answerLines.map((l) => (
          <Text key={l.questionId} className='survey-done__answer'>
            {l.title}：{l.labels.join('、')}
          </Text>
        ))}
      </View>
      <Text className='survey-done__text'>想改主意？随时可以在「我的 › 我的问卷回答」修改或清除。</Text>
      <View className='survey-actions'>
        <Button className='btn btn--ghost survey-actions__btn' id='survey-see-answers' onClick={() => void Taro.redirectTo({ url: SURVEY_ANSWERS_URL })}>
          查看我的回答
        </Button>
        <Button className='btn btn--primary survey-actions__btn' id='survey-go-home' onClick={goHome}>
          去逛逛
        </Button>
      </View>
    </View>
  );
});

const SurveyForm = observer(function SurveyForm({ s, onLater }: { s: SurveyStore; onLater: () => void }) {
  return (
    <View id='survey-form'>
      {s.view?.intro ? (
        <Text className='survey-intro' id='survey-intro'>
          {s.view.intro}
        </Text>
      ) : null}
      <Text className='survey-legend'>{s.questions.some((q) => q.required) ? '带 * 的是必答题，其余可以跳过。' : '每一题都可以跳过，选您愿意告诉我们的就好。'}</Text>
      {s.questions.map((q, i) => (
        <QuestionCard key={q.id} s={s} q={q} n={i + 1} />
      ))}
      <NoticeBar id='survey-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
      <View className='survey-actions'>
        <Button className='btn btn--ghost survey-actions__btn' id='survey-later' disabled={s.submitting || undefined} onClick={onLater}>
          以后再说
        </Button>
        <Button className='btn btn--primary survey-actions__btn' id='survey-submit' disabled={s.submitting || undefined} onClick={() => void submit(s)}>
          {s.submitting ? '提交中…' : '提交'}
        </Button>
      </View>
      <PrivacyNote />
    </View>
  );
});

/** 偏好小问卷: the operator-configured questions; answers become profile facts and tags. */
function SurveyPage() {
  const s = useSurvey();
  const { root, signedIn } = useWhenSignedIn(() => void s.start(), [s]);

  const later = () => {
    root.welcome.later();
    goHome();
  };

  let body = beforeFirstLoad(!!s.view, s.error, () => void s.load(), '正在加载问卷…');
  if (!body && s.submitted) body = <ThankYou s={s} />;
  else if (!body && !s.isOpen)
    body = (
      <View>
        <NoticeBar id='survey-notice' notice={s.notice} />
        <EmptyView text='问卷暂未开放，感谢您的关注。您可以先去首页逛逛。' />
        <Button className='btn btn--ghost' id='survey-go-home' onClick={goHome}>
          返回首页
        </Button>
      </View>
    );
  else if (!body) body = <SurveyForm s={s} onLater={later} />;

  return <GatedPage className='survey'>{body}</GatedPage>;
}

export default observer(SurveyPage);
