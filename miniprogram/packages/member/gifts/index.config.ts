export default definePageConfig({ navigationBarTitleText: '累计消费礼', enablePullDownRefresh: true });
