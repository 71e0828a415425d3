/** First response pages (the `packages/welcome` subpackage), linked from 首页 (welcome card) and 我的. */
export const SURVEY_URL = '/packages/welcome/survey/index';
export const SURVEY_ANSWERS_URL = '/packages/welcome/answers/index';
