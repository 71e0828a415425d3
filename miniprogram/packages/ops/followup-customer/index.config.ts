export default definePageConfig({ navigationBarTitleText: '跟进顾客' });
