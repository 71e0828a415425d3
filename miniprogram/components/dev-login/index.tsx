import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { DEV_OPENID_PATTERN } from '../../services/dev-identity';
import './index.css';

/**
 * H5 local mode only (imported through dev-login-slot, which the weapp build drops): picks the
 * openid the local gateway passes to the cloud functions as the caller's platform identity.
 */
const PRESETS: Array<{ openid: string; label: string }> = [
  { openid: 'cust_demo', label: '普通顾客' },
  { openid: 'cust_alice', label: '顾客 Alice' },
  { openid: 'op_admin', label: '运营管理员' },
];

export interface DevLoginProps {
  onChoose: (openid: string) => void;
}

export function DevLogin({ onChoose }: DevLoginProps) {
  const [custom, setCustom] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submitCustom = () => {
    const openid = custom.trim();
    if (!DEV_OPENID_PATTERN.test(openid)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onChoose(openid);
  };

  return (
    <View className='dev-login' id='dev-login'>
      <Text className='dev-login__title'>本地开发登录</Text>
      <Text className='dev-login__hint'>
        本地模式没有微信身份。选择一个账号，它会作为 openid 交给云函数，与在微信中调用时一致。
      </Text>
      <View className='dev-login__presets'>
        {PRESETS.map((p) => (
          <Button key={p.openid} id={`dev-login-${p.openid}`} className='dev-login__preset' onClick={() => onChoose(p.openid)}>
            <Text className='dev-login__preset-id'>{p.openid}</Text>
            <Text className='dev-login__preset-label'>{p.label}</Text>
          </Button>
        ))}
      </View>
      <Text className='dev-login__or'>或输入任意 openid</Text>
      <View className='dev-login__custom'>
        <Input
          id='dev-login-input'
          className={`dev-login__input ${invalid ? 'dev-login__input--invalid' : ''}`}
          value={custom}
          maxlength={64}
          placeholder='例如 cust_bob'
          onInput={(e) => {
            setCustom(e.detail.value);
            if (invalid) setInvalid(false);
          }}
          onConfirm={submitCustom}
        />
        <Button id='dev-login-submit' className='dev-login__submit' onClick={submitCustom}>
          登录
        </Button>
      </View>
      {invalid ? (
        <Text className='dev-login__error' id='dev-login-error'>
          openid 需为 1–64 位字母、数字、- 或 _
        </Text>
      ) : null}
    </View>
  );
}
