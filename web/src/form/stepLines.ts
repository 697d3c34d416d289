import type { StepText } from '../api/types';

/** "1. ", "2) ", "- ", "* " at the start of a line. */
const LIST_MARKER = /^(?:\d+[.)]\s+|[-*•]\s+)/;

/** One step per line: "Title: description", or just a title. Blank lines are skipped. */
export function stepsFromLines(source: string): StepText[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim().replace(LIST_MARKER, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0) return { title: line };
      const title = line.slice(0, colon).trim();
      const description = line.slice(colon + 1).trim();
      return description ? { title, description } : { title };
    });
}

/** Steps back to one line each (the inverse of stepsFromLines for title and description). */
export function stepsToLines(steps: StepText[]): string {
  return steps.map((step) => (step.description ? `${step.title}: ${step.description}` : step.title)).join('\n');
}

/** Non-blank lines, trimmed. */
export function nonBlankLines(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
