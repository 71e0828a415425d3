import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { beforeFirstLoad } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { SignInGate } from '../../../components/sign-in-gate';
import { SURVEY_URL } from '../../../format/routes';
import { useWhenSignedIn } from '../../../stores/context';
import { PrivacyNote } from '../components/question-card';
import { useSurvey } from '../stores';
import type { SurveyStore } from '../stores/survey-store';
import '../welcome.css';

const fill = () => void Taro.navigateTo({ url: SURVEY_URL });

const Answers = observer(function Answers({ s }: { s: SurveyStore }) {
  if (!s.hasAnswers)
    return (
      <View className='card survey-empty' id='answers-empty'>
        <Text className='survey-empty__text'>您还没有回答问卷（或已清除回答），我们没有保存您的任何偏好。</Text>
        {s.isOpen ? (
          <Button className='btn btn--primary' id='answers-fill' onClick={fill}>
            去填写问卷
          </Button>
        ) : null}
      </View>
    );
  const lines = s.answerLines;
  return (
    <View className='card' id='answers-list'>
      <Text className='survey-answers__lead'>我们保存的只有以下选择：</Text>
      {lines.map((l) => (
        <View key={l.questionId} className='survey-answer' id={`answer-${l.questionId}`}>
          <Text className='survey-answer__q'>{l.title}</Text>
          <Text className='survey-answer__a'>{l.labels.join('、')}</Text>
        </View>
      ))}
      {lines.length === 0 ? <Text className='survey-answers__lead'>问卷已下线，您此前的回答仍保存着，可以清除。</Text> : null}
      <View className='survey-actions'>
        <Button className='btn btn--ghost survey-actions__btn' id='answers-clear' onClick={() => s.askClear()}>
          清除我的回答
        </Button>
        {s.isOpen ? (
          <Button className='btn btn--primary survey-actions__btn' id='answers-edit' onClick={fill}>
            修改回答
          </Button>
        ) : null}
      </View>
    </View>
  );
});

/** 我的问卷回答: what the customer told us, and deleting it (PIPL: see and delete one's data). */
function AnswersPage() {
  const s = useSurvey();
  const { root, signedIn } = useWhenSignedIn(() => {
    // A message left from the survey page is not about this page.
    s.dismissNotice();
    void s.load();
  }, [s]);

  let body = beforeFirstLoad(!!s.view, s.error, () => void s.load(), '正在加载您的回答…');
  if (!body)
    body = (
      <View>
        <NoticeBar id='answers-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
        <Answers s={s} />
        <PrivacyNote onAnswersPage />
      </View>
    );

  return (
    <View className='page survey'>
      <SignInGate signedIn={signedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        {s.confirmingClear ? (
          <ConfirmDialog id='answers-clear-dialog' title='清除我的问卷回答？' confirmText='确认清除' danger busy={s.clearing} onConfirm={() => void s.confirmClear()} onCancel={() => s.cancelClear()}>
            <Text>我们会删除您的全部问卷回答，以及由此得到的偏好标签，推荐将不再参考它们。清除后可以随时重新填写。</Text>
          </ConfirmDialog>
        ) : null}
      </SignInGate>
    </View>
  );
}

export default observer(AnswersPage);
