import { Spinner } from './StatusIcons';

/** "Picture forming — partial image 2": 1-based, from the partial image's 0-based index. */
export function partialBadgeText(index: number): string {
  return `Picture forming — partial image ${index + 1}`;
}

/** Marks a picture as a partial image of the photo being drawn, and which one it is. */
export function PartialBadge({ index }: { index: number }) {
  return (
    <p className="preview-badge preview-badge--forming">
      <Spinner className="preview-badge__icon" />
      <span>{partialBadgeText(index)}</span>
    </p>
  );
}
