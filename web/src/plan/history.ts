/** Undo and redo for the plan editor: every edit is a new plan; typing into one field is one edit. */
import type { Plan } from './model';

/** An edit, in words ("jar: kind bottle"), for the live region and the buttons' descriptions. */
export interface Edit {
  plan: Plan;
  label: string;
  /** Edits with the same key in a row (typing into one field) undo as one. */
  key?: string;
}

export interface PlanHistory {
  /** Each entry is the plan before an edit, with that edit's label. */
  past: Edit[];
  present: Plan;
  /** The edit that made the present plan, if any. */
  presentEdit: Omit<Edit, 'plan'> | null;
  future: Edit[];
}

/** Most edits kept for undo. */
export const MAX_UNDO = 200;

export function startHistory(plan: Plan): PlanHistory {
  return { past: [], present: plan, presentEdit: null, future: [] };
}

/** The plan after an edit; typing on in the same field replaces the previous keystroke's entry. */
export function record(history: PlanHistory, edit: Edit): PlanHistory {
  if (edit.plan === history.present) return history;
  const sameField = edit.key !== undefined && history.presentEdit?.key === edit.key && history.future.length === 0;
  if (sameField) return { ...history, present: edit.plan, presentEdit: { label: edit.label, key: edit.key } };
  const past = [...history.past, { plan: history.present, label: edit.label, key: edit.key }].slice(-MAX_UNDO);
  return { past, present: edit.plan, presentEdit: { label: edit.label, key: edit.key }, future: [] };
}

/** Ends typing into a field: the next keystroke there is a new edit. */
export function settle(history: PlanHistory): PlanHistory {
  return history.presentEdit?.key === undefined ? history : { ...history, presentEdit: { label: history.presentEdit.label } };
}

export function canUndo(history: PlanHistory): boolean {
  return history.past.length > 0;
}

export function canRedo(history: PlanHistory): boolean {
  return history.future.length > 0;
}

/** The label of the edit Undo would take back, if any. */
export function undoLabel(history: PlanHistory): string | null {
  return history.past.at(-1)?.label ?? null;
}

/** The label of the edit Redo would make again, if any. */
export function redoLabel(history: PlanHistory): string | null {
  return history.future[0]?.label ?? null;
}

export function undo(history: PlanHistory): PlanHistory {
  const last = history.past.at(-1);
  if (!last) return history;
  return {
    past: history.past.slice(0, -1),
    present: last.plan,
    presentEdit: history.past.at(-2) ? { label: history.past.at(-2)!.label } : null,
    future: [{ plan: history.present, label: last.label }, ...history.future],
  };
}

export function redo(history: PlanHistory): PlanHistory {
  const next = history.future[0];
  if (!next) return history;
  return {
    past: [...history.past, { plan: history.present, label: next.label }],
    present: next.plan,
    presentEdit: { label: next.label },
    future: history.future.slice(1),
  };
}

/**
 * The server's copy of the plan in place of the present one, without an
 * edit of its own: what was saved, as the server stored it (with its
 * framing).
 */
export function adopt(history: PlanHistory, plan: Plan): PlanHistory {
  return { ...history, present: plan };
}
