import type { Ref } from 'react';
import { FieldErrors } from './TextField';

/** The check box's label. */
export const VERIFY_LABEL = 'Check each photo and redraw it once if a part is missing or shown too early';

export interface VerifyChoiceProps {
  checked: boolean;
  /** The server checks photos unless asked not to. */
  onByDefault: boolean;
  onChange: (checked: boolean) => void;
  errors?: string[];
  inputRef?: Ref<HTMLInputElement>;
}

const ID = 'verify';

/** The photo check (cloud engines): a text model looks at each photo, and a wrong one is redrawn once. */
export function VerifyChoice({ checked, onByDefault, onChange, errors = [], inputRef }: VerifyChoiceProps) {
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
        <span>{VERIFY_LABEL}</span>
      </label>
      <p id={hintId} className="field__hint">
        A text model compares each photo with its step; the checks, and any redraw, add to the cost.
        {onByDefault && ' This server checks photos unless you untick it.'}
      </p>
      {invalid && <FieldErrors id={errorId} errors={errors} />}
    </div>
  );
}
