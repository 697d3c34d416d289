import type { ChangeEvent, Ref } from 'react';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  errors?: string[];
  /** Rows for a textarea; absent for a one-line input. */
  rows?: number;
  required?: boolean;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  /** Extra content under the field (a live summary of what was read). */
  note?: string;
}

/** A labelled input or textarea, with its hint and errors tied to it for assistive technology. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  errors = [],
  rows,
  required,
  placeholder,
  inputRef,
  note,
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint && hintId, note && noteId, invalid && errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    required,
    placeholder,
    ref: inputRef,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
  };
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required"> (required)</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {rows ? <textarea rows={rows} spellCheck {...common} /> : <input type="text" {...common} />}
      {note && (
        <p id={noteId} className="field__note">
          {note}
        </p>
      )}
      {invalid && <FieldErrors id={errorId} errors={errors} />}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  return (
    <ul id={id} className="field__errors">
      {errors.map((error) => (
        <li key={error}>
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>{' '}
          {error}
        </li>
      ))}
    </ul>
  );
}
