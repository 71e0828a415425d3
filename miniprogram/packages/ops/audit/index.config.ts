export default definePageConfig({ navigationBarTitleText: '操作记录', enablePullDownRefresh: true });
