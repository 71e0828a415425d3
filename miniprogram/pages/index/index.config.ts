export default definePageConfig({
  navigationBarTitleText: '会员储值商城',
  enablePullDownRefresh: true,
});
