export default definePageConfig({ navigationBarTitleText: '偏好小问卷' });
