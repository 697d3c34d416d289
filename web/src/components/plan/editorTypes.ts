import type { FieldPath } from '../../plan/fieldPaths';
import type { Edit } from '../../plan/history';

/** An edit made in the editor, with the field it changed (its server error, if any, goes). */
export interface EditorEdit extends Edit {
  field?: FieldPath;
}

export type OnEdit = (edit: EditorEdit) => void;
