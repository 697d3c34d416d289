import { FieldErrors } from './TextField';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceGroupProps<T extends string> {
  /** The radios' name, and the base of the hint and error ids. */
  name: string;
  legend: string;
  choices: Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  hint?: string;
  errors?: string[];
  /** The checked radio, for moving the focus to the group. */
  inputRef?: (element: HTMLInputElement | null) => void;
  className?: string;
}

/** A group of radio buttons with its legend, hint and errors tied to it for assistive technology. */
export function ChoiceGroup<T extends string>({
  name,
  legend,
  choices,
  value,
  onChange,
  hint,
  errors = [],
  inputRef,
  className = '',
}: ChoiceGroupProps<T>) {
  const invalid = errors.length > 0;
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const describedBy = [hint && hintId, invalid && errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`field choice-group ${invalid ? 'field--invalid ' : ''}${className}`.trim()}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="choice-group__options">
        {choices.map((choice) => (
          <label key={choice.value} className="choice-group__option">
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              ref={value === choice.value ? inputRef : undefined}
              onChange={() => onChange(choice.value)}
            />{' '}
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {invalid && <FieldErrors id={errorId} errors={errors} />}
    </fieldset>
  );
}
