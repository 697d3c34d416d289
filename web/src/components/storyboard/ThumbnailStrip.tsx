import { StatusIcon } from './StatusIcons';
import { STATUS_WORDS, type StepView } from './stepViews';

export interface ThumbnailStripProps {
  steps: StepView[];
  selected: number;
  imageSourceFor: (step: StepView) => string | null;
  onSelect: (stepNumber: number) => void;
}

/** Every step at a glance: small images for ready steps, placeholders for the rest. */
export function ThumbnailStrip({ steps, selected, imageSourceFor, onSelect }: ThumbnailStripProps) {
  return (
    <section className="thumbnails" aria-labelledby="thumbnails-heading">
      <h2 id="thumbnails-heading" className="thumbnails__heading">
        All steps
      </h2>
      <ol className="thumbnails__list">
        {steps.map((step) => {
          const source = step.status === 'completed' ? imageSourceFor(step) : null;
          return (
            <li key={step.number}>
              <button
                type="button"
                className={`thumbnail thumbnail--${step.status}`}
                aria-current={step.number === selected ? 'step' : undefined}
                aria-label={`Show ${step.label} (${STATUS_WORDS[step.status]})`}
                onClick={() => onSelect(step.number)}
              >
                {source ? (
                  <img src={source} alt="" loading="lazy" decoding="async" />
                ) : (
                  <span className="thumbnail__placeholder">
                    <StatusIcon status={step.status} />
                  </span>
                )}
                <span className="thumbnail__number" aria-hidden="true">
                  {step.number}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
