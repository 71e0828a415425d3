export default definePageConfig({ navigationBarTitleText: '企业微信同步记录', enablePullDownRefresh: true });
