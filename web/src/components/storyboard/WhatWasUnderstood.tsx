import { Fragment, useId, useState, type KeyboardEvent } from 'react';
import type { StepText, StepUnderstanding, UnresolvedWord } from '../../api/types';
import type { Plan } from '../../plan/model';
import { ConfidenceBadge } from './ConfidenceBadge';
import { StepPlanSummary } from './StepPlanSummary';
import { CHECK_THIS_STEP, confidenceLevel, markUnresolved, wordKey, type TextPiece } from './understanding';

/**
 * A word the planner could not use, highlighted. It takes the focus, and
 * its reason shows on hover and on focus (Escape hides it again) and is its
 * accessible description; read in order, the reason follows the word.
 */
function UnresolvedMark({ word, text }: { word: UnresolvedWord; text: string }) {
  const reasonId = useId();
  const [dismissed, setDismissed] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !dismissed) setDismissed(true);
  };
  return (
    <span className={`unresolved${dismissed ? ' unresolved--dismissed' : ''}`} onMouseLeave={() => setDismissed(false)}>
      <mark className="unresolved__word" tabIndex={0} aria-describedby={reasonId} onKeyDown={onKeyDown} onBlur={() => setDismissed(false)}>
        {text}
      </mark>
      <span id={reasonId} role="tooltip" className="unresolved__reason">
        {word.reason ? `Not used: ${word.reason}` : 'Not used'}
      </span>
    </span>
  );
}

function MarkedText({ pieces }: { pieces: TextPiece[] }) {
  return (
    <>
      {pieces.map((piece, index) =>
        piece.unresolved ? (
          <UnresolvedMark key={index} word={piece.unresolved} text={piece.text} />
        ) : (
          <Fragment key={index}>{piece.text}</Fragment>
        ),
      )}
    </>
  );
}

export interface WhatWasUnderstoodProps {
  /** The step's understanding; null shows nothing. */
  understanding: StepUnderstanding | null;
  /** The step's texts, where this browser has them: the unresolved words are marked in them. */
  text: StepText | null;
  /** The guide's plan, where it was read: the step's parts and operations in plain words. */
  plan?: Plan | null;
  stepNumber?: number;
}

/**
 * "What stepcast understood" for one step: how much of its text the planner
 * used, what the plan shows and does in it (the parts in view, new ones
 * marked, and its operations in plain words), the words it could not use
 * marked in the text (with why), and what it took the others for
 * (collapsed). A materials list says only that nothing is drawn for it.
 * Nothing at all without an understanding or a plan.
 */
export function WhatWasUnderstood({ understanding, text, plan = null, stepNumber = 0 }: WhatWasUnderstoodProps) {
  const headingId = useId();
  const planStep = plan?.steps[stepNumber - 1];
  if (!understanding && !planStep) return null;

  const heading = (
    <h4 id={headingId} className="understanding__heading">
      What stepcast understood
    </h4>
  );
  if (understanding?.materials_only || (!understanding && planStep?.materials_only)) {
    return (
      <section className="understanding understanding--materials" aria-labelledby={headingId}>
        {heading}
        <p className="understanding__materials">Materials list — nothing is drawn for this step.</p>
      </section>
    );
  }

  const summary = plan && planStep ? <StepPlanSummary plan={plan} stepNumber={stepNumber} /> : null;
  if (!understanding) {
    return (
      <section className="understanding" aria-labelledby={headingId}>
        {heading}
        {summary}
      </section>
    );
  }

  const { unresolved, understood } = understanding;
  const titlePieces = markUnresolved(text?.title ?? '', unresolved);
  const descriptionPieces = markUnresolved(text?.description ?? '', unresolved);
  const marked = new Set(
    [...titlePieces, ...descriptionPieces].flatMap((piece) => (piece.unresolved ? [wordKey(piece.unresolved.text)] : [])),
  );
  // Words not found in the texts (or texts this browser does not have) are listed instead.
  const unmarked = unresolved.filter(
    (word, index) => !marked.has(wordKey(word.text)) && unresolved.findIndex((other) => wordKey(other.text) === wordKey(word.text)) === index,
  );

  return (
    <section className={`understanding understanding--${confidenceLevel(understanding.confidence)}`} aria-labelledby={headingId}>
      {heading}
      <ConfidenceBadge label="Understood" confidence={understanding.confidence} lowAdvice={CHECK_THIS_STEP} />
      {summary}
      {marked.size > 0 && (
        <>
          <p className="understanding__hint">Highlighted words were not used for the picture; point at or focus one to see why.</p>
          <div className="understanding__text">
            {titlePieces.length > 0 && (
              <p className="understanding__title">
                <MarkedText pieces={titlePieces} />
              </p>
            )}
            {descriptionPieces.length > 0 && (
              <p>
                <MarkedText pieces={descriptionPieces} />
              </p>
            )}
          </div>
        </>
      )}
      {unmarked.length > 0 && (
        <div className="understanding__unused">
          <p>{marked.size > 0 ? 'Also not used:' : 'Not used for the picture:'}</p>
          <ul>
            {unmarked.map((word) => (
              <li key={wordKey(word.text)}>
                <strong>{word.text}</strong>
                {word.reason && `: ${word.reason}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {understood.length > 0 && (
        <details className="understanding__understood">
          <summary>What it understood ({understood.length})</summary>
          <ul>
            {understood.map((word, index) => (
              <li key={index}>
                <span className="understanding__word">{word.text}</span> <span aria-hidden="true">→</span>
                <span className="visually-hidden">taken as</span> {word.meaning}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
