import { PreviewThenPhoto } from './PreviewThenPhoto';
import { StatusIcon } from './StatusIcons';
import { STATUS_WORDS, showsPartial, showsPreviewOnly, type StepView } from './stepViews';

export interface ThumbnailStripProps {
  steps: StepView[];
  selected: number;
  onSelect: (stepNumber: number) => void;
}

/** What stands in for the photo, as the thumbnail's name and tag say it. */
function standIn(step: StepView): { name: string; tag: string } | null {
  if (showsPartial(step)) return { name: 'picture forming', tag: 'Forming' };
  if (showsPreviewOnly(step)) return { name: 'schematic preview', tag: 'Preview' };
  return null;
}

/** "Show Step 3: Cut the window (generating, schematic preview)". */
function thumbnailLabel(step: StepView): string {
  const shown = standIn(step);
  return `Show ${step.label} (${STATUS_WORDS[step.status]}${shown ? `, ${shown.name}` : ''})`;
}

/**
 * A small "Preview" (or "Forming") tag, and the failed mark where the photo
 * failed. It lies over the thumbnail but outside its button, whose name
 * says the same ("schematic preview"), so the button's visible text stays
 * its number.
 */
function StandInTag({ step }: { step: StepView }) {
  const shown = standIn(step);
  if (!shown) return null;
  return (
    <span className={`thumbnail__preview-tag thumbnail__preview-tag--${step.status}`} aria-hidden="true">
      {step.status === 'failed' && <StatusIcon status="failed" />}
      {shown.tag}
    </span>
  );
}

/**
 * Every step at a glance: small images for ready steps, the picture forming
 * or the schematic preview (tagged) where the photo is still coming or
 * failed, placeholders for the rest.
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
              {step.photo || step.preview || step.partial ? (
                <PreviewThenPhoto
                  photo={step.photo}
                  preview={step.preview}
                  partial={step.partial && { url: step.partial.url, alt: '' }}
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
            <StandInTag step={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}
