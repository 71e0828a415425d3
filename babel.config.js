// babel-preset-taro: JSX/TS for React on the webpack5 runner (options: https://docs.taro.zone/docs/next/babel-config).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
