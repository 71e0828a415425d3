import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Form, Image, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { DISPLAY_PROFILE_CONSENT, NICKNAME_MAX } from '@shared/customers/display-profile';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { beforeFirstLoad } from '../../components/load-state';
import { PrivacyPopup } from '../../components/privacy-popup';
import { SignInGate } from '../../components/sign-in-gate';
import { chosenAvatarPath, submittedNickname } from '../../services/media';
import { useWhenSignedIn } from '../../stores/context';
import './profile.css';

/**
 * 设置头像昵称 (issue 17 #8): WeChat's 头像昵称填写 — the chooseAvatar button (weapp; the H5 build
 * has none, so it picks a photo) and a nickname input that offers the WeChat nickname on the
 * keyboard — with the consent sentence; 同意并保存 records the consent. 删除头像昵称 clears both.
 */
function ProfilePage() {
  const { root, signedIn } = useWhenSignedIn(() => void root.displayProfile.load().then(() => root.displayProfile.startEditing()), []);
  const s = root.displayProfile;
  const [confirming, setConfirming] = useState(false);
  const weapp = process.env.TARO_ENV === 'weapp';
  useEffect(() => () => s.startEditing(), [s]);

  const save = async (nickname?: string) => {
    if (await s.save(nickname)) void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const clear = async () => {
    if (await s.clear()) setConfirming(false);
  };

  const avatar = s.previewUrl ? <Image className='profile-avatar__img' id='profile-avatar-img' src={s.previewUrl} mode='aspectFill' /> : <Text className='profile-avatar__empty'>选择头像</Text>;
  let body = beforeFirstLoad(s.loaded, s.error, () => void s.load(), '正在读取…');
  if (!body)
    body = (
      <Form id='profile-form' onSubmit={(e) => void save(submittedNickname(e))}>
        <View className='card profile-card' id='profile-card'>
          <Text className='profile-consent' id='profile-consent'>
            {DISPLAY_PROFILE_CONSENT}。
          </Text>
          <View className='profile-avatar'>
            {weapp ? (
              <Button className='profile-avatar__btn' id='profile-choose-avatar' openType='chooseAvatar' onChooseAvatar={(e) => s.chooseAvatarPath(chosenAvatarPath(e) ?? '')}>
                {avatar}
              </Button>
            ) : (
              <View className='profile-avatar__btn' id='profile-pick-avatar' onClick={() => void s.pickAvatar()}>
                {avatar}
              </View>
            )}
            <Text className='profile-hint'>{weapp ? '点击使用微信头像或从相册选择' : '点击从相册选择一张图片'}</Text>
          </View>
          <View className='profile-field'>
            <Text className='profile-field__label'>昵称</Text>
            <Input
              className='profile-field__input'
              id='profile-nickname'
              name='nickname'
              type='nickname'
              maxlength={NICKNAME_MAX}
              placeholder='点击填写，键盘上方可选用微信昵称'
              value={s.draftNickname}
              onInput={(e) => s.setNickname(e.detail.value)}
            />
          </View>
          {s.problem ? (
            <Text className='profile-problem' id='profile-problem'>
              {s.problem}
            </Text>
          ) : null}
          {s.done === 'cleared' ? (
            <Text className='profile-done' id='profile-cleared'>
              已删除头像和昵称。
            </Text>
          ) : null}
          <Button className='btn btn--primary profile-save' id='profile-save' formType='submit' disabled={s.saving} loading={s.saving}>
            同意并保存
          </Button>
          {s.hasProfile ? (
            <Button className='btn btn--ghost profile-clear' id='profile-clear' disabled={s.saving} onClick={() => setConfirming(true)}>
              删除头像昵称
            </Button>
          ) : null}
        </View>
      </Form>
    );

  return (
    <View className='page profile'>
      <SignInGate signedIn={signedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        {confirming ? (
          <ConfirmDialog id='profile-clear-dialog' title='删除头像和昵称？' confirmText='删除' danger busy={s.saving} onConfirm={() => void clear()} onCancel={() => setConfirming(false)}>
            <Text className='profile-dialog-line'>我的页面和店员看到的将恢复为默认显示，头像图片一并删除。</Text>
          </ConfirmDialog>
        ) : null}
        <PrivacyPopup />
      </SignInGate>
    </View>
  );
}

export default observer(ProfilePage);
