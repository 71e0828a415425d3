export default definePageConfig({ navigationBarTitleText: '一对一跟进' });
