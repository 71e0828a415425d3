/** A one-line outcome a page shows above its content (Chinese, says what to do next). */
export interface Notice {
  tone: 'success' | 'error' | 'info';
  text: string;
}

export const success = (text: string): Notice => ({ tone: 'success', text });
export const failure = (text: string): Notice => ({ tone: 'error', text });
export const info = (text: string): Notice => ({ tone: 'info', text });
