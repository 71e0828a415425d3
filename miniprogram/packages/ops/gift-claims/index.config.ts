export default definePageConfig({ navigationBarTitleText: '礼品发货', enablePullDownRefresh: true });
