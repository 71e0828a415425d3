export default definePageConfig({ navigationBarTitleText: '钱包', enablePullDownRefresh: true });
