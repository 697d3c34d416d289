import { useRef, type KeyboardEvent } from 'react';
import { StepStatusMark } from './StepStatusMark';
import type { StepView } from './stepViews';

export const STEP_PANEL_ID = 'step-panel';

export function stepTabId(stepNumber: number): string {
  return `step-tab-${stepNumber}`;
}

export interface StepTabsProps {
  steps: StepView[];
  selected: number;
  onSelect: (stepNumber: number) => void;
}

/** Which step a key moves to from `current` (wrapping), or null for other keys. */
function stepForKey(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return current >= count ? 1 : current + 1;
    case 'ArrowLeft':
      return current <= 1 ? count : current - 1;
    case 'Home':
      return 1;
    case 'End':
      return count;
    default:
      return null;
  }
}

/**
 * The steps as WAI-ARIA tabs: one tab per step, a roving tabindex, arrow
 * keys, Home and End move the selection and the focus together.
 */
export function StepTabs({ steps, selected, onSelect }: StepTabsProps) {
  const tabs = useRef(new Map<number, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = stepForKey(event.key, selected, steps.length);
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
    tabs.current.get(next)?.focus();
  };

  return (
    <div className="step-tabs" role="tablist" aria-label="Steps" onKeyDown={onKeyDown}>
      {steps.map((step) => {
        const isSelected = step.number === selected;
        return (
          <button
            key={step.number}
            ref={(element) => {
              if (element) tabs.current.set(step.number, element);
              else tabs.current.delete(step.number);
            }}
            type="button"
            role="tab"
            id={stepTabId(step.number)}
            aria-selected={isSelected}
            aria-controls={STEP_PANEL_ID}
            tabIndex={isSelected ? 0 : -1}
            title={step.text?.title}
            className={`step-tab step-tab--${step.status}`}
            onClick={() => onSelect(step.number)}
          >
            <span className="step-tab__number" aria-hidden="true">
              {step.number}
            </span>
            <StepStatusMark stepNumber={step.number} status={step.status} />
          </button>
        );
      })}
    </div>
  );
}
