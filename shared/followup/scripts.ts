import type { FollowupGoal } from './rules';

/**
 * A starting 话术 and audience per goal (seed 000 week 4: 1对1销售跟进未成单的用户; seed 003: 续费与老会员
 * 服务). The operator edits them on the form; they are suggestions, never sent by themselves.
 */
export const GOAL_DEFAULTS: Readonly<Record<FollowupGoal, { segment: string; script: string }>> = {
  'trial-to-full': {
    segment: 'trial:unconverted',
    script: '您好，我是店里的顾问。之前的体验装用得怎么样？有什么想了解的（效果、用法、有效期）都可以问我。正装会员价更划算，需要的话我帮您留一份。',
  },
  renewal: {
    segment: 'member:expiring',
    script: '您好，您的会员快到期了。这一年会员价已经帮您省了不少，续费后会员价和礼包都继续有效，需要我帮您看看本期省了多少吗？',
  },
  'wake-ironfan': {
    segment: 'life:sleeping',
    script: '好久不见！最近店里上了几款新品，老朋友有专属价。想先听听您之前用得怎么样，有什么需要我帮您留意的吗？',
  },
  repurchase: {
    segment: 'purchases:1',
    script: '您好，上次买的用得还习惯吗？我根据您的情况挑了几款搭配，需要的话发给您看看。',
  },
};
