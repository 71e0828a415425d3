import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';

/** 话术: read it, tap once to copy it into 企业微信 (and adapt it: it is a start, not a broadcast). */
export function ScriptCard({ script }: { script: string }) {
  return (
    <View className='surface fu-script' id='fu-script'>
      <Text className='fu-script__label'>话术</Text>
      <Text className='fu-script__text' id='fu-script-text'>
        {script}
      </Text>
      <Button className='btn btn--small btn--dark fu-script__copy' id='fu-script-copy' onClick={() => void Taro.setClipboardData({ data: script }).catch(() => undefined)}>
        复制话术
      </Button>
    </View>
  );
}
