import { createHash } from 'node:crypto';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { cloudEnvFor } from './cloud-env';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const sharedDir = path.join(root, 'shared');
const platform = process.env.TARO_ENV ?? 'weapp';
const localGateway = `http://127.0.0.1:${process.env.PORT ?? 8787}`;

/**
 * Taro's persistent cache lists `src/app.config` as a build dependency and merges user lists into
 * it (arrays concatenate), so webpack warns and never stores the cache. Ours lives in miniprogram/.
 * The cache is named after this checkout: two checkouts sharing one node_modules (git worktrees)
 * building at once would otherwise write the same pack files and load each other's modules.
 */
function useOurCacheDependencies(chain: { get(key: string): unknown; cache(value: unknown): unknown }) {
  const cache = chain.get('cache');
  if (!cache || typeof cache !== 'object') return;
  chain.cache({
    ...cache,
    name: `${platform}-${process.env.NODE_ENV ?? 'development'}-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`,
    buildDependencies: {
      config: ['index.ts', 'dev.ts', 'prod.ts', 'cloud-env.ts'].map((f) => path.join(__dirname, f)),
      files: [path.join(root, 'miniprogram', 'app.config.ts'), path.join(root, 'babel.config.js')],
    },
  });
}

/** The env id, or the reason there is none and exit: Taro would bury a thrown error under "找不到项目配置文件". */
function cloudEnvOrExit(): string {
  try {
    return cloudEnvFor({ platform, tcbEnvId: process.env.TCB_ENV_ID });
  } catch (e) {
    process.stderr.write(`\n${e instanceof Error ? e.message : String(e)}\n\n`);
    process.exit(1);
  }
}

/**
 * Taro build config. `shared/` lives outside the sourceRoot but is imported by the Mini Program
 * (money formatting, error messages, types), so it is aliased and explicitly added to the script
 * rule's `compile.include` — otherwise Taro's loader skips it and ES syntax reaches the output raw.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'member-store',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniprogram',
    // One output folder per platform so a weapp build never overwrites the H5 the local server serves.
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      // The CloudBase environment the weapp build talks to: TCB_ENV_ID, required for weapp (./cloud-env.ts).
      CLOUD_ENV: JSON.stringify(cloudEnvOrExit()),
    },
    alias: { '@shared': sharedDir },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      // zod ships ES2020 (`??`, globalThis tricks) and Taro only transpiles its own packages;
      // older WeChat runtimes reject that syntax, so zod goes through babel too.
      compile: { include: [sharedDir, (file: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(file)] },
      webpackChain: useOurCacheDependencies,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [sharedDir] },
      webpackChain(chain) {
        useOurCacheDependencies(chain);
        // webpack's 244 KiB default is for public websites; this H5 build is the local dev/demo
        // client (React + Taro runtime alone are ~390 KiB). Warn only if it grows well past that.
        chain.performance.maxAssetSize(400 * 1024);
        chain.performance.maxEntrypointSize(600 * 1024);
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // The H5 build carries the dev login: never serve it beyond loopback. With
      // `taro build --type h5 --watch`, cloud calls and dev tools go to a running `npm start`.
      devServer: { host: '127.0.0.1', proxy: { '/fn': localGateway, '/local': localGateway } },
      // contenthash: file names change only when the content does (and webpack 5 deprecates [hash]).
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig);
});
