import type { StepCheck } from '../../api/types';

/** What a photo check came to: passed at once, passed after a redraw, or a problem left in the kept photo. */
export type PhotoCheckOutcome = 'pass' | 'redrawn' | 'fail';

export function photoCheckOutcome(check: StepCheck): PhotoCheckOutcome {
  if (check.verdict === 'fail') return 'fail';
  return check.redraws > 0 ? 'redrawn' : 'pass';
}

/** Said of a photo that passed its first check. */
export const CHECK_PASSED = 'Checked: every part in view, nothing early';

function redrawsWords(redraws: number): string {
  return redraws === 1 ? 'one redraw' : `${redraws} redraws`;
}

/** "missing glass jar, potting soil; shown too early: lid", or '' when the check names no part. */
export function checkProblems(check: Pick<StepCheck, 'missing' | 'unexpected'>): string {
  const problems: string[] = [];
  if (check.missing.length > 0) problems.push(`missing ${check.missing.join(', ')}`);
  if (check.unexpected.length > 0) problems.push(`shown too early: ${check.unexpected.join(', ')}`);
  return problems.join('; ');
}

/**
 * The photo check in words, never in colour alone:
 * "Checked: every part in view, nothing early" (passed at once);
 * "Checked after one redraw: FIRST FINDINGS" (passed once redrawn);
 * "Check found a problem: missing X, Y; shown too early: Z" (the kept photo failed).
 */
export function photoCheckText(check: StepCheck): string {
  switch (photoCheckOutcome(check)) {
    case 'pass':
      return CHECK_PASSED;
    case 'redrawn': {
      const head = `Checked after ${redrawsWords(check.redraws)}`;
      return check.first_findings ? `${head}: ${check.first_findings}` : head;
    }
    case 'fail': {
      const problems = checkProblems(check);
      return problems ? `Check found a problem: ${problems}` : 'Check found a problem';
    }
  }
}
