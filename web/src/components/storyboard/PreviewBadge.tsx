import { Spinner, StatusIcon } from './StatusIcons';
import type { StepDisplayStatus } from './stepViews';

function badgeText(status: StepDisplayStatus): string {
  switch (status) {
    case 'failed':
      return 'Schematic preview — photo failed';
    case 'skipped':
      return 'Schematic preview — no photo was made';
    default:
      return 'Schematic preview — photo on its way';
  }
}

/** Marks a picture as the step's schematic preview, and says what became of its photo. */
export function PreviewBadge({ status }: { status: StepDisplayStatus }) {
  const waiting = status === 'pending' || status === 'generating' || status === 'completed';
  return (
    <p className={`preview-badge preview-badge--${waiting ? 'waiting' : status}`}>
      {waiting ? <Spinner className="preview-badge__icon" /> : <StatusIcon status={status} />}
      <span>{badgeText(status)}</span>
    </p>
  );
}
