export default definePageConfig({ navigationBarTitleText: '新建跟进任务' });
