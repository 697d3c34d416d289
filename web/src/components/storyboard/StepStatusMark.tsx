import { StatusIcon } from './StatusIcons';
import { STATUS_WORDS, type StepDisplayStatus } from './stepViews';

export interface StepStatusMarkProps {
  stepNumber: number;
  status: StepDisplayStatus;
}

/** A step's status icon with its words for screen readers ("Step 3, ready"). */
export function StepStatusMark({ stepNumber, status }: StepStatusMarkProps) {
  return (
    <span className={`status-mark status-mark--${status}`}>
      <StatusIcon status={status} />
      <span className="visually-hidden">
        Step {stepNumber}, {STATUS_WORDS[status]}
      </span>
    </span>
  );
}
