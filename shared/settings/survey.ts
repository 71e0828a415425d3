import { z } from 'zod';
import { settingIdSchema } from './fields';

/**
 * Onboarding survey (PRODUCT.md "First response", seed 002: record facts, not impressions): a few
 * single- or multiple-choice questions configured by operators. Choices only — no free text — so
 * nothing is collected beyond what is configured (PIPL). An option's `tag` becomes the profile tag
 * `tag:<name>` (segment lists, WeCom tag sync).
 */
export const surveyTagSchema = z.string().regex(/^[\p{L}\p{N}_-]{1,24}$/u, '标签只能包含文字、数字、- 或 _（最多 24 个字符）');
export const surveyOptionSchema = z.object({ id: settingIdSchema, label: z.string().min(1).max(40), tag: surveyTagSchema.optional() }).strict();

/** Question kinds (the survey view and the answer check read them). */
export const SURVEY_QUESTION_KINDS = ['single', 'multiple'] as const;
export const SURVEY_QUESTION_KIND_LABELS: Readonly<Record<(typeof SURVEY_QUESTION_KINDS)[number], string>> = { single: '单选', multiple: '多选' };

/** The first id that occurs twice, if any. */
export const duplicateId = (ids: readonly string[]): string | undefined => ids.find((id, i) => ids.indexOf(id) !== i);

export const surveyQuestionSchema = z
  .object({
    id: settingIdSchema,
    title: z.string().min(1).max(80),
    kind: z.enum(SURVEY_QUESTION_KINDS),
    required: z.boolean().default(false),
    options: z.array(surveyOptionSchema).min(2).max(12),
  })
  .strict()
  .superRefine((q, ctx) => {
    const dup = duplicateId(q.options.map((o) => o.id));
    if (dup) ctx.addIssue({ code: 'custom', path: ['options'], message: `选项编号重复：${dup}` });
  });
export const surveySchema = z
  .object({
    enabled: z.boolean(),
    intro: z.string().max(200).default(''),
    questions: z.array(surveyQuestionSchema).max(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    const dup = duplicateId(s.questions.map((q) => q.id));
    if (dup) ctx.addIssue({ code: 'custom', path: ['questions'], message: `问题编号重复：${dup}` });
  });
export type SurveySettings = z.infer<typeof surveySchema>;
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const surveySettings = {
  /** The onboarding survey new customers are offered (`customer.survey` / `customer.answerSurvey`). */
  survey: surveySchema.prefault({
    enabled: true,
    intro: '回答 2 个小问题，帮我们为您推荐更合适的产品（可跳过）。',
    questions: [
      {
        id: 'industry',
        title: '您从事的行业',
        kind: 'single',
        options: [
          { id: 'beauty', label: '美业 / 美容院', tag: 'industry-beauty' },
          { id: 'retail', label: '零售 / 电商', tag: 'industry-retail' },
          { id: 'office', label: '企业 / 白领', tag: 'industry-office' },
          { id: 'other', label: '其他' },
        ],
      },
      {
        id: 'interest',
        title: '您关注的品类（可多选）',
        kind: 'multiple',
        options: [
          { id: 'skincare', label: '护肤', tag: 'interest-skincare' },
          { id: 'makeup', label: '彩妆', tag: 'interest-makeup' },
          { id: 'wellness', label: '健康 / 养护', tag: 'interest-wellness' },
        ],
      },
    ],
  }),
};
