// Tab pages live in the main package; operator and rarely used pages go in subpackages (DESIGN rule 10).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/member/index', 'pages/wallet/index', 'pages/me/index', 'pages/checkout/index'],
  subPackages: [
    { root: 'packages/shop', pages: ['product/index', 'cart/index'] },
    { root: 'packages/orders', pages: ['list/index', 'detail/index'] },
    { root: 'packages/member', pages: ['gifts/index', 'code/index'] },
    { root: 'packages/coupons', pages: ['list/index'] },
    { root: 'packages/welcome', pages: ['survey/index', 'answers/index'] },
    { root: 'packages/inbox', pages: ['index'] },
    { root: 'packages/privacy', pages: ['index'] },
    { root: 'packages/profile', pages: ['index'] },
    {
      root: 'packages/ops',
      pages: ['home/index', 'gift-claims/index', 'products/index', 'product-edit/index', 'orders/index', 'shipping-uploads/index', 'refunds/index', 'settings/index', 'settings-area/index', 'audit/index', 'coupons/index', 'segments/index', 'segment-list/index', 'customer/index', 'wecom-sync/index', 'reports/index', 'renewals/index', 'campaigns/index', 'campaign-edit/index', 'campaign/index', 'launch/index', 'owner-claim/index', 'pickup/index', 'followups/index', 'followup/index', 'followup-customer/index', 'followup-new/index', 'followup-execution/index'],
    },
  ],
  // wx.chooseAddress (「使用微信收货地址」 in the delivery form): apps released after 2022-07-14 must
  // declare it here or the call fails (WeChat docs wx.chooseAddress / app.json requiredPrivateInfos;
  // fixture cloudfunctions/_kit/platform/fixtures/wx.chooseAddress.success.json). It is also in the
  // 用户隐私保护指引 (docs/privacy.md) and its permission is enabled in the MP console (docs/deploy.md).
  requiredPrivateInfos: ['chooseAddress'],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f6f4f1',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员储值商城',
    navigationBarTextStyle: 'black',
    // WeChat draws its own bar either way; on H5 'default' makes Taro's router draw one too (title,
    // back on pushed pages, home on a page opened directly), styled in app.css.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#8a8580',
    selectedColor: '#b8860b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/member/index', text: '会员' },
      { pagePath: 'pages/wallet/index', text: '钱包' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
