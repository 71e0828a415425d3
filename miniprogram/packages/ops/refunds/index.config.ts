export default definePageConfig({ navigationBarTitleText: '退款', enablePullDownRefresh: true });
