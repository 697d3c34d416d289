import type { Plan } from '../../plan/model';
import { Link } from '../../routing/router';
import { PhotoCheckBadge } from './PhotoCheckBadge';
import { RegenerateButton } from './RegenerateButton';
import { StepDetails } from './StepDetails';
import { StepPicture } from './StepPicture';
import { StepProvenance } from './StepProvenance';
import { STEP_PANEL_ID, stepTabId } from './StepTabs';
import type { StepView } from './stepViews';
import { WhatWasUnderstood } from './WhatWasUnderstood';

export interface StepPanelProps {
  step: StepView;
  stepCount: number;
  apiUrl: string;
  /** The concept image this browser sent, for the provenance. */
  conceptImage?: string | null;
  imageWidth: number;
  imageHeight: number;
  regenerating: boolean;
  regenerateError: string | null;
  onRegenerate: (stepNumber: number) => void;
  onSelect: (stepNumber: number) => void;
  /** A language model is still writing the guide's plan. */
  planning?: boolean;
  /** The guide's plan, where it was read: the step's parts and operations show under its texts. */
  plan?: Plan | null;
  /** Where "Fix this step" opens the plan editor at a step; none: not offered. */
  fixHref?: ((stepNumber: number) => string) | null;
  /**
   * Whether Regenerate is offered: always with a cloud engine; with the
   * schematic one (the same plan draws the same picture) only to retry a
   * failed step, "Fix this step" taking its place otherwise.
   */
  regenerateOffered?: boolean;
}

/**
 * The selected step: its picture (with what the photo check made of it),
 * its texts, what the planner understood of them (with the plan's parts
 * and operations), how it was made, Regenerate and Fix this step, and
 * previous / next.
 */
export function StepPanel({
  step,
  stepCount,
  apiUrl,
  conceptImage,
  imageWidth,
  imageHeight,
  regenerating,
  regenerateError,
  onRegenerate,
  onSelect,
  planning = false,
  plan = null,
  fixHref = null,
  regenerateOffered = true,
}: StepPanelProps) {
  // aria-disabled rather than disabled: the buttons keep the focus at either end.
  const isFirst = step.number <= 1;
  const isLast = step.number >= stepCount;
  return (
    <div role="tabpanel" id={STEP_PANEL_ID} aria-labelledby={stepTabId(step.number)} className="step-panel">
      <div className="step-panel__media">
        <StepPicture step={step} width={imageWidth} height={imageHeight} planning={planning} />
        {/* Of the photo on show: none while the step is drawn again. */}
        {step.check && step.status === 'completed' && <PhotoCheckBadge check={step.check} />}
        {/* Always here, whatever the status, so the focus stays on it while the step is redrawn. */}
        <div className="step-panel__actions">
          {(regenerateOffered || regenerating || regenerateError) && (
            <RegenerateButton step={step} busy={regenerating} error={regenerateError} onRegenerate={onRegenerate} />
          )}
          {fixHref && (
            <Link to={fixHref(step.number)} className="button button--secondary step-panel__fix">
              Fix this step
            </Link>
          )}
        </div>
      </div>
      <div className="step-panel__text">
        <h3 className="step-panel__title">{step.label}</h3>
        <StepDetails text={step.text} />
        <WhatWasUnderstood understanding={step.understanding} text={step.text} plan={plan} stepNumber={step.number} />
        <div className="step-panel__pager">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={isFirst || undefined}
            onClick={() => !isFirst && onSelect(step.number - 1)}
          >
            <span aria-hidden="true">← </span>Previous step
          </button>
          <span className="step-panel__position">
            {step.number} of {stepCount}
          </span>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={isLast || undefined}
            onClick={() => !isLast && onSelect(step.number + 1)}
          >
            Next step<span aria-hidden="true"> →</span>
          </button>
        </div>
        {/* After the pager, so opening it moves nothing the reader steps through. */}
        <StepProvenance image={step.image} apiUrl={apiUrl} conceptImage={conceptImage} check={step.check} />
      </div>
    </div>
  );
}
