import type { SurveyQuestion } from '../settings/survey';

/**
 * What the `customer` function answers (API.md `customer`), shared by the handler and the Mini
 * Program so the two cannot drift: the daily visit, the onboarding survey as a customer sees it,
 * and the outcomes of answering and of deleting the answers.
 */
export interface VisitResult {
  /** The business day (Asia/Shanghai) the visit counts for. */
  day: string;
  /** False when a visit was already recorded today (at most one per customer and business day). */
  recorded: boolean;
  /** The customer has not answered the onboarding survey yet (show the welcome + survey). */
  surveyPending: boolean;
}

import { SURVEY_QUESTION_KINDS } from '../settings/survey';
export { SURVEY_QUESTION_KINDS };

export interface SurveyQuestionView {
  id: string;
  title: string;
  kind: SurveyQuestion['kind'];
  required: boolean;
  /** Option tags stay on the server: a customer sees labels only. */
  options: Array<{ id: string; label: string }>;
}

export interface SurveyView {
  enabled: boolean;
  intro: string;
  questions: SurveyQuestionView[];
  /** The caller's current answers (so they can see — and change — what they told us). */
  answers: Record<string, string[]>;
}

export interface AnswerResult {
  eventId: string;
  /** False when this requestId was already recorded (a retry returns the first result). */
  recorded: boolean;
  answers: Record<string, string[]>;
}

export interface ClearResult {
  eventId: string;
  recorded: boolean;
  /** Earlier survey events whose answers were erased. */
  erasedEvents: number;
}
