/** What went wrong and what to do, in words; an optional action (Retry, Open Verify). Never a stack trace. */
import type { ReactNode } from 'react';
import type { PlainError } from '../model/errors';

export function ErrorBanner({ error, action }: { error: PlainError; action?: ReactNode }) {
  return (
    <div className={`banner ${error.engineUnavailable ? 'banner-info' : 'banner-error'}`} role={error.engineUnavailable ? 'status' : 'alert'} data-testid="error-banner">
      <div className="banner-text">
        <strong>{error.what}</strong>
        <span>{error.todo}</span>
      </div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}
