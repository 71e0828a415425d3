import { useStores } from '../../../stores/context';
import type { RootStore } from '../../../stores/root-store';
import { SurveyStore } from './survey-store';

/**
 * The survey's state lives in this subpackage (its code stays out of the main package), built on
 * the first welcome page opened; an account switch resets it with the rest.
 */
export const surveyOf = (root: RootStore): SurveyStore => root.extension('welcome-survey', (r) => new SurveyStore(r.services.customer, r.intents, r.welcome));

export function useSurvey(): SurveyStore {
  return surveyOf(useStores());
}
