export default definePageConfig({ navigationBarTitleText: '跟进任务' });
