import { confidenceLevel, confidencePercent, LEVEL_WORDS, type ConfidenceLevel } from './understanding';

/**
 * One icon per level, each its own shape (check in a circle, half-filled
 * circle, warning triangle), so the level never rests on colour alone.
 * Decoration: the badge's text says the level.
 */
function ConfidenceIcon({ level }: { level: ConfidenceLevel }) {
  switch (level) {
    case 'high':
      return (
        <svg className="confidence__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="10" fill="currentColor" />
          <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'medium':
      return (
        <svg className="confidence__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
        </svg>
      );
    case 'low':
      return (
        <svg className="confidence__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2L1 21h22L12 2z" fill="currentColor" />
          <path d="M12 9v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="12" cy="17.5" r="1.3" fill="#fff" />
        </svg>
      );
  }
}

export interface ConfidenceBadgeProps {
  /** What the figure is: "Understood", "Plan confidence". */
  label: string;
  /** 0..1. */
  confidence: number;
  /** Said after a low level ("check this step"). */
  lowAdvice?: string;
}

/** "Understood 80% · High": the figure, then its level in words, with an icon of its own and a colour. */
export function ConfidenceBadge({ label, confidence, lowAdvice }: ConfidenceBadgeProps) {
  const level = confidenceLevel(confidence);
  return (
    <p className={`confidence confidence--${level}`}>
      <ConfidenceIcon level={level} />
      <span className="confidence__figure">
        {label} {confidencePercent(confidence)}%
      </span>
      {' · '}
      <span className="confidence__level">
        {LEVEL_WORDS[level]}
        {level === 'low' && lowAdvice ? `: ${lowAdvice}` : ''}
      </span>
    </p>
  );
}
