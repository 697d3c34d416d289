/** What the plan editor says: who wrote the plan, what a save did. */
import { parsePlanSource } from '../../api/planSource';
import type { SavedPlan } from '../../plan/model';
import { formatCost } from '../storyboard/usageFormat';
import { providerName } from '../storyboard/planSourceText';

/** "step 3", "steps 2 and 4", "steps 1, 2 and 4". */
export function stepList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `step ${numbers[0]}`;
  return `steps ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** Who wrote a plan version, in words: "read from the text by the offline reader", "edited", "reverted to version 2". */
export function planAuthorWords(source: string): string {
  const revert = /^revert (?:to|of) (\d+)$/.exec(source.trim());
  if (revert) return `reverted to version ${revert[1]}`;
  if (source.trim() === 'edited') return 'edited';
  const info = parsePlanSource(source);
  switch (info.kind) {
    case 'offline':
      return 'read from the text by the offline reader';
    case 'fallback':
      return 'read from the text by the offline reader (the language model failed)';
    case 'model':
      return `written by ${info.model ? `${info.model} (${providerName(info.provider)})` : providerName(info.provider)}`;
    case 'request':
      return 'given with the request';
    case 'other':
      return info.source;
  }
}

/** What a save did: "Saved as version 2. 3 steps redrawn (steps 2, 3 and 4)." with the cost where there is one. */
export function savedText(saved: SavedPlan, review: boolean): string {
  const version = `Saved as version ${saved.version}.`;
  if (review) return `${version} Nothing is drawn until you start drawing.`;
  const count = saved.redraw_count ?? saved.redrawn.length;
  if (count === 0) return `${version} No picture changes, so no step is redrawn.`;
  const steps = `${count} ${count === 1 ? 'step' : 'steps'} redrawn`;
  const which = saved.redrawn.length > 0 ? ` (${stepList(saved.redrawn)})` : '';
  const framing = saved.framing_kept === false ? ' The build no longer fits the old framing, so every step is drawn again.' : '';
  const cost = saved.estimated_cost_usd > 0 ? ` Estimated cost: ${formatCost(saved.estimated_cost_usd)}.` : '';
  return `${version} ${steps.charAt(0).toUpperCase()}${steps.slice(1)}${which}.${framing}${cost}`;
}
