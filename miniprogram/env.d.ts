/// <reference types="@tarojs/taro" />

declare module '*.css';

/** CloudBase environment id, injected by config/index.ts `defineConstants` from TCB_ENV_ID. */
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time; comparisons against it are folded so dead branches drop out. */
    TARO_ENV: 'weapp' | 'h5' | undefined;
  }
}
