import { StatusIcon, Spinner } from './StatusIcons';
import type { StepView } from './stepViews';

export interface StepPictureProps {
  step: StepView;
  /** Where the image loads from, once there is one. */
  imageSource: string | null;
  width: number;
  height: number;
}

/** The step's image, or what stands in for it while it is drawn, or why it failed. */
export function StepPicture({ step, imageSource, width, height }: StepPictureProps) {
  const frameStyle = { aspectRatio: `${width} / ${height}` };
  if (step.status === 'completed' && imageSource) {
    return (
      <div className="step-picture">
        <img src={imageSource} alt={step.label} width={width} height={height} decoding="async" />
      </div>
    );
  }
  if (step.status === 'failed') {
    return (
      <div className="step-picture step-picture--failed" style={frameStyle}>
        <StatusIcon status="failed" />
        <p className="step-picture__message">This picture could not be made.</p>
        {step.image.error && <p className="step-picture__reason">Reason: {step.image.error}</p>}
        <p className="step-picture__hint">Regenerate to try again.</p>
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
        {step.status === 'generating' ? 'Drawing this step…' : 'Waiting its turn to be drawn…'}
      </p>
    </div>
  );
}
