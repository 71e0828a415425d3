import type { UserConfigExport } from '@tarojs/cli';

/** Production builds: Taro minifies by default; keep logs short so CI output stays readable. */
export default {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
