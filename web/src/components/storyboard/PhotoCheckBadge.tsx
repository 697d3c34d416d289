import type { StepCheck } from '../../api/types';
import { photoCheckOutcome, photoCheckText, type PhotoCheckOutcome } from './photoCheck';

/**
 * One icon per outcome, each its own shape (check in a circle, a turning
 * arrow, a warning triangle), so the outcome never rests on colour alone.
 * Decoration: the badge's text says it.
 */
function PhotoCheckIcon({ outcome }: { outcome: PhotoCheckOutcome }) {
  switch (outcome) {
    case 'pass':
      return (
        <svg className="photo-check__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="10" fill="currentColor" />
          <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'redrawn':
      return (
        <svg className="photo-check__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M19 12a7 7 0 1 1-2.05-4.95" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          <path d="M18.5 3v5h-5" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'fail':
      return (
        <svg className="photo-check__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2L1 21h22L12 2z" fill="currentColor" />
          <path d="M12 9v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="12" cy="17.5" r="1.3" fill="#fff" />
        </svg>
      );
  }
}

/** "Photo check · Checked: every part in view, nothing early": what the check made of the step's photo. */
export function PhotoCheckBadge({ check }: { check: StepCheck }) {
  const outcome = photoCheckOutcome(check);
  return (
    <p className={`photo-check photo-check--${outcome}`}>
      <PhotoCheckIcon outcome={outcome} />
      <span>
        <span className="photo-check__label">Photo check</span>
        {' · '}
        <span className="photo-check__text">{photoCheckText(check)}</span>
      </span>
    </p>
  );
}
