export default definePageConfig({ navigationBarTitleText: '分群名单', enablePullDownRefresh: true });
