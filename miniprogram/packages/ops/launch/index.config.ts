export default definePageConfig({ navigationBarTitleText: '上线检查', enablePullDownRefresh: true });
