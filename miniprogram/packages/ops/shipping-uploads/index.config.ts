export default definePageConfig({ navigationBarTitleText: '发货信息上传', enablePullDownRefresh: true });
