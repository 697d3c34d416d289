import { useRef, type ChangeEvent } from 'react';
import { CONCEPT_IMAGE_TYPES, type ConceptImage } from '../../form/conceptImage';
import { FieldErrors } from './TextField';

export interface ConceptImageFieldProps {
  value: ConceptImage | null;
  /** A file was chosen (not yet checked or read). */
  onChoose: (file: File) => void;
  onRemove: () => void;
  errors?: string[];
  inputRef?: (element: HTMLInputElement | null) => void;
}

const ID = 'concept_image';

/** The optional picture of the finished project: a file input, a thumbnail of the chosen one and Remove. */
export function ConceptImageField({ value, onChoose, onRemove, errors = [], inputRef }: ConceptImageFieldProps) {
  const input = useRef<HTMLInputElement | null>(null);
  const invalid = errors.length > 0;
  const hintId = `${ID}-hint`;
  const errorId = `${ID}-error`;

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onChoose(file);
  };

  const remove = () => {
    onRemove();
    // Cleared, so that choosing the same file again is a change.
    if (input.current) {
      input.current.value = '';
      input.current.focus();
    }
  };

  return (
    <div className={invalid ? 'field field--invalid concept-image' : 'field concept-image'}>
      <label htmlFor={ID}>
        Concept image<span className="field__required"> (optional)</span>
      </label>
      <p id={hintId} className="field__hint">
        A picture of the finished project. The guided and anchored strategies use it as the style anchor. PNG, JPEG or
        WebP, at most 4 MiB.
      </p>
      <input
        type="file"
        id={ID}
        name={ID}
        accept={CONCEPT_IMAGE_TYPES.join(',')}
        ref={(element) => {
          input.current = element;
          inputRef?.(element);
        }}
        aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
        aria-invalid={invalid || undefined}
        onChange={choose}
      />
      {value && (
        <div className="concept-image__chosen">
          <img className="concept-image__thumb" src={value.dataUrl} alt="Your concept image" />
          <span className="concept-image__name">{value.name}</span>
          <button type="button" className="button button--secondary" aria-label="Remove concept image" onClick={remove}>
            Remove
          </button>
        </div>
      )}
      {invalid && <FieldErrors id={errorId} errors={errors} />}
    </div>
  );
}
