import Taro from '@tarojs/taro';

/**
 * Small notes this device keeps for itself (wx storage on WeChat, localStorage on H5) — never
 * anything the server decides, only things like "the welcome was put off today". Behind a service
 * so stores are tested with a fake of it (DESIGN rule 10).
 */
export interface DeviceStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

// Storage can be full or unavailable (privacy mode on H5): a lost note only means the welcome shows again.
export const deviceStorage: DeviceStorage = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key);
      return typeof v === 'string' && v ? v : undefined;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      // See above: best effort.
    }
  },
};

