import { PreviewThenPhoto } from './PreviewThenPhoto';
import { StatusIcon } from './StatusIcons';
import { STATUS_WORDS, showsPreviewOnly, type StepView } from './stepViews';

export interface ThumbnailStripProps {
  steps: StepView[];
  selected: number;
  onSelect: (stepNumber: number) => void;
}

/** "Show Step 3: Cut the window (generating, schematic preview)". */
function thumbnailLabel(step: StepView): string {
  const preview = showsPreviewOnly(step) ? ', schematic preview' : '';
  return `Show ${step.label} (${STATUS_WORDS[step.status]}${preview})`;
}

/**
 * A small "Preview" tag, and the failed mark where the photo failed. It
 * lies over the thumbnail but outside its button, whose name says the same
 * ("schematic preview"), so the button's visible text stays its number.
 */
function PreviewTag({ step }: { step: StepView }) {
  return (
    <span className={`thumbnail__preview-tag thumbnail__preview-tag--${step.status}`} aria-hidden="true">
      {step.status === 'failed' && <StatusIcon status="failed" />}
      Preview
    </span>
  );
}

/**
 * Every step at a glance: small images for ready steps, schematic previews
 * (tagged) where the photo is still coming or failed, placeholders for the rest.
 */
export function ThumbnailStrip({ steps, selected, onSelect }: ThumbnailStripProps) {
  return (
    <section className="thumbnails" aria-labelledby="thumbnails-heading">
      <h2 id="thumbnails-heading" className="thumbnails__heading">
        All steps
      </h2>
      <ol className="thumbnails__list">
        {steps.map((step) => (
          <li key={step.number}>
            <button
              type="button"
              className={`thumbnail thumbnail--${step.status}`}
              aria-current={step.number === selected ? 'step' : undefined}
              aria-label={thumbnailLabel(step)}
              onClick={() => onSelect(step.number)}
            >
              {step.photo || step.preview ? (
                <PreviewThenPhoto
                  photo={step.photo}
                  preview={step.preview}
                  alt=""
                  previewAlt=""
                  loading="lazy"
                />
              ) : (
                <span className="thumbnail__placeholder">
                  <StatusIcon status={step.status} />
                </span>
              )}
              <span className="thumbnail__number" aria-hidden="true">
                {step.number}
              </span>
            </button>
            {showsPreviewOnly(step) && <PreviewTag step={step} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
