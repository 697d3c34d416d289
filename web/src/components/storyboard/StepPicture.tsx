import { PartialBadge } from './PartialBadge';
import { PreviewBadge } from './PreviewBadge';
import { PreviewThenPhoto } from './PreviewThenPhoto';
import { StatusIcon, Spinner } from './StatusIcons';
import { partialLabel, previewLabel, type StepView } from './stepViews';

export interface StepPictureProps {
  step: StepView;
  width: number;
  height: number;
  /** A language model is still writing the plan: nothing can be drawn yet. */
  planning?: boolean;
}

/** Why a failed step has no picture, and what to do about it. */
function FailureNote({ step, withPreview }: { step: StepView; withPreview: boolean }) {
  return (
    <div className={withPreview ? 'step-picture__failure step-picture__failure--under-preview' : 'step-picture__failure'}>
      <StatusIcon status="failed" />
      <p className="step-picture__message">
        {withPreview ? 'The photo could not be made; the schematic preview is shown instead.' : 'This picture could not be made.'}
      </p>
      {step.image.error && <p className="step-picture__reason">Reason: {step.image.error}</p>}
      <p className="step-picture__hint">Regenerate to try again.</p>
    </div>
  );
}

/**
 * The step's image; or, while a cloud engine makes the photo, the picture
 * forming (a streaming engine's partial image) or its schematic preview,
 * each marked as what it is (the preview stays if the photo failed); or
 * what stands in for it while it is drawn, or why it failed.
 */
export function StepPicture({ step, width, height, planning = false }: StepPictureProps) {
  const frameStyle = { aspectRatio: `${width} / ${height}` };
  if (step.photo || step.preview || step.partial) {
    const failed = step.status === 'failed';
    return (
      <div className={`step-picture step-picture--${failed ? 'failed-with-preview' : 'image'}`}>
        <PreviewThenPhoto
          // Another step's picture starts afresh: nothing of this one's stays on show.
          key={step.number}
          photo={step.photo}
          preview={step.preview}
          alt={step.label}
          previewAlt={previewLabel(step)}
          partial={
            step.partial && {
              url: step.partial.url,
              alt: partialLabel(step),
              overlay: <PartialBadge index={step.partial.index} />,
            }
          }
          width={width}
          height={height}
          previewOverlay={<PreviewBadge status={step.status} />}
        />
        {failed && <FailureNote step={step} withPreview />}
      </div>
    );
  }
  if (step.status === 'failed') {
    return (
      <div className="step-picture step-picture--failed" style={frameStyle}>
        <FailureNote step={step} withPreview={false} />
      </div>
    );
  }
  if (step.status === 'skipped') {
    return (
      <div className="step-picture step-picture--placeholder" style={frameStyle}>
        <StatusIcon status="skipped" />
        <p className="step-picture__message">Not drawn: the guide stopped before this step.</p>
      </div>
    );
  }
  return (
    <div className="step-picture step-picture--placeholder" style={frameStyle}>
      <Spinner className="step-picture__spinner" />
      <p className="step-picture__message">
        {step.status === 'generating'
          ? 'Drawing this step…'
          : planning
            ? 'Waiting for the plan: drawing starts once it is written.'
            : 'Waiting its turn to be drawn…'}
      </p>
    </div>
  );
}
