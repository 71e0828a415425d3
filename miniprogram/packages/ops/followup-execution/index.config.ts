export default definePageConfig({ navigationBarTitleText: '执行情况' });
