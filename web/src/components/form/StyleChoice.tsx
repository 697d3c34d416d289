import type { ImageStyle } from '../../api/types';
import { FieldErrors } from './TextField';

const STYLE_DESCRIPTIONS: Record<ImageStyle, string> = {
  diagram: 'Diagram: colour, with each step\'s new parts outlined',
  sketch: 'Sketch: a hand-drawn look',
  blueprint: 'Blueprint: white lines on blue',
  photo: 'Photo: a realistic picture (cloud engines)',
};

export interface StyleChoiceProps {
  value: ImageStyle;
  onChange: (style: ImageStyle) => void;
  styles: ImageStyle[];
  errors?: string[];
}

/** The illustration style, as a group of radio buttons. */
export function StyleChoice({ value, onChange, styles, errors = [] }: StyleChoiceProps) {
  const invalid = errors.length > 0;
  return (
    <fieldset
      className={invalid ? 'field field--invalid style-choice' : 'field style-choice'}
      aria-describedby={invalid ? 'style-error' : undefined}
      aria-invalid={invalid || undefined}
    >
      <legend>Illustration style</legend>
      <div className="style-choice__options">
        {styles.map((style) => (
          <label key={style} className="style-choice__option">
            <input
              type="radio"
              name="style"
              value={style}
              checked={value === style}
              onChange={() => onChange(style)}
            />{' '}
            {STYLE_DESCRIPTIONS[style]}
          </label>
        ))}
      </div>
      {invalid && <FieldErrors id="style-error" errors={errors} />}
    </fieldset>
  );
}
