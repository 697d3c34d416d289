import type { Ref } from 'react';
import { FieldErrors } from './TextField';

/** The check box's label. */
export const REVIEW_PLAN_LABEL = 'Check the plan before drawing';

export interface ReviewPlanChoiceProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** With a cloud engine the hint says no money is spent before drawing. */
  cloud: boolean;
  errors?: string[];
  inputRef?: Ref<HTMLInputElement>;
}

const ID = 'review-plan';

/** Plan first: stepcast plans the guide and waits while the maker checks and fixes what it understood, then draws. */
export function ReviewPlanChoice({ checked, onChange, cloud, errors = [], inputRef }: ReviewPlanChoiceProps) {
  const invalid = errors.length > 0;
  const hintId = `${ID}-hint`;
  const errorId = `${ID}-error`;
  return (
    <div className={invalid ? 'field field--invalid verify-choice' : 'field verify-choice'}>
      <label htmlFor={ID} className="verify-choice__label">
        <input
          type="checkbox"
          id={ID}
          name={ID}
          checked={checked}
          ref={inputRef}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        <span>{REVIEW_PLAN_LABEL}</span>
      </label>
      <p id={hintId} className="field__hint">
        stepcast works out the parts and what each step does, then waits: you check and fix that plan, and start drawing
        when it is right.{cloud && ' Nothing is paid for until you start drawing.'}
      </p>
      {invalid && <FieldErrors id={errorId} errors={errors} />}
    </div>
  );
}
