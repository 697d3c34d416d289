import type { StepDisplayStatus } from './stepViews';

/**
 * Icons for the step statuses. Each has its own shape (hollow circle, turning
 * arc, check, cross, dashed circle), so status never rests on colour alone.
 * They are decoration: the text beside them says the status.
 */

export function Spinner({ className = '' }: { className?: string }) {
  return (
    <svg className={`spinner ${className}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M12 3a9 9 0 0 1 9 9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

function PendingIcon() {
  return (
    <svg className="status-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

function ReadyIcon() {
  return (
    <svg className="status-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function FailedIcon() {
  return (
    <svg className="status-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="20" height="20" rx="4" fill="currentColor" />
      <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

function SkippedIcon() {
  return (
    <svg className="status-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="3 3" />
    </svg>
  );
}

export function StatusIcon({ status }: { status: StepDisplayStatus }) {
  switch (status) {
    case 'pending':
      return <PendingIcon />;
    case 'generating':
      return <Spinner className="status-icon" />;
    case 'completed':
      return <ReadyIcon />;
    case 'failed':
      return <FailedIcon />;
    case 'skipped':
      return <SkippedIcon />;
  }
}
