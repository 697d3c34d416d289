import type { StepUnderstanding, UnresolvedWord } from '../../api/types';

/** How far a confidence can be trusted: high ≥ 80 %, medium ≥ 50 %, low below. */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** The whole percent a confidence (0..1) is shown as. */
export function confidencePercent(confidence: number): number {
  return Math.round(confidence * 100);
}

/** A confidence's level, judged on the percent shown, so that "80%" is never called medium. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  const percent = confidencePercent(confidence);
  if (percent >= 80) return 'high';
  if (percent >= 50) return 'medium';
  return 'low';
}

/** The words each level is written as; the badge's colour only repeats them. */
export const LEVEL_WORDS: Record<ConfidenceLevel, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** What a low step's badge asks the reader to do. */
export const CHECK_THIS_STEP = 'check this step';

/** Whether a step is marked "check this step": a low confidence, and something is drawn for it. */
export function needsChecking(understanding: StepUnderstanding | null | undefined): boolean {
  return !!understanding && !understanding.materials_only && confidenceLevel(understanding.confidence) === 'low';
}

/** A stretch of a step's text: plain, or a word the planner could not use. */
export interface TextPiece {
  text: string;
  unresolved: UnresolvedWord | null;
}

/** How a word is compared: case and runs of spaces do not count. */
export function wordKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

const WORD_CHARACTER = '[\\p{L}\\p{N}_]';

function phrasePattern(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

/**
 * Cuts a text into plain pieces and the unresolved words in it, found
 * whole (not inside another word), whatever their case, the longest phrase
 * first ("plastic bottle" before "plastic"); every place a word is written
 * is marked.
 */
export function markUnresolved(text: string, words: readonly UnresolvedWord[]): TextPiece[] {
  const byKey = new Map<string, UnresolvedWord>();
  for (const word of words) {
    const key = wordKey(word.text);
    if (key !== '' && !byKey.has(key)) byKey.set(key, word);
  }
  if (text === '') return [];
  if (byKey.size === 0) return [{ text, unresolved: null }];

  const phrases = [...byKey.values()]
    .map((word) => word.text)
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern);
  const pattern = new RegExp(`(?<!${WORD_CHARACTER})(?:${phrases.join('|')})(?!${WORD_CHARACTER})`, 'giu');

  const pieces: TextPiece[] = [];
  let end = 0;
  for (const match of text.matchAll(pattern)) {
    const word = byKey.get(wordKey(match[0]));
    if (!word) continue;
    if (match.index > end) pieces.push({ text: text.slice(end, match.index), unresolved: null });
    pieces.push({ text: match[0], unresolved: word });
    end = match.index + match[0].length;
  }
  if (end < text.length) pieces.push({ text: text.slice(end), unresolved: null });
  return pieces;
}
