import { useEffect, useRef } from 'react';
import { addPart, removePart } from '../../plan/edits';
import { fieldId, type PlanFieldErrors } from '../../plan/fieldPaths';
import type { Plan } from '../../plan/model';
import type { OnEdit } from './editorTypes';
import { PartRow } from './PartRow';
import { partLabel } from './PartSelect';

export interface PartsTableProps {
  plan: Plan;
  errors: PlanFieldErrors;
  onEdit: OnEdit;
  /** Said in the editor's live region ("Removed the jar and 2 operations that used it."). */
  onAnnounce: (message: string) => void;
}

const COLUMNS = ['Name', 'Kind', 'Count', 'Size (cm) W × H × D', 'Colour', 'Material', 'Placed', 'Relative to'];

/**
 * Every part of the plan, one row each (laid out as cards on narrow
 * screens), with Add a part. Removing a part removes the operations that
 * name it and puts what was placed on it on the ground (Undo brings all
 * back).
 */
export function PartsTable({ plan, errors, onEdit, onAnnounce }: PartsTableProps) {
  const addButton = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the table has re-rendered. */
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    const id = focusNext.current;
    if (id === null) return;
    focusNext.current = null;
    (document.getElementById(id) ?? addButton.current)?.focus();
  });

  const add = () => {
    const next = addPart(plan);
    const index = next.parts.length - 1;
    focusNext.current = fieldId(`parts[${index}].name`);
    onEdit({ plan: next, label: 'add a part' });
    onAnnounce(`Added part ${index + 1}. Name it, then choose its kind, size and place.`);
  };

  const remove = (index: number) => {
    const part = plan.parts[index];
    if (!part) return;
    const name = partLabel(part, plan.parts);
    const removal = removePart(plan, index);
    const also = [
      removal.operations > 0 && `${removal.operations} ${removal.operations === 1 ? 'operation' : 'operations'} that used it`,
      removal.placements > 0 && `${removal.placements} ${removal.placements === 1 ? 'part is' : 'parts are'} now on the ground`,
    ].filter(Boolean);
    // The focus goes to the row that takes its place, else to Add a part.
    focusNext.current = index < removal.plan.parts.length ? fieldId(`parts[${index}].name`) : 'plan-add-part';
    onEdit({ plan: removal.plan, label: `remove ${name}` });
    onAnnounce(`Removed ${name}${also.length > 0 ? ` (and ${also.join('; ')})` : ''}. Undo brings it back.`);
  };

  return (
    <section className="plan-parts" aria-labelledby="plan-parts-heading">
      <h3 id="plan-parts-heading">Parts ({plan.parts.length})</h3>
      <p className="plan-editor__hint" id="plan-parts-hint">
        Everything the pictures show. A part appears in the first step that uses it; “Placed” and “Relative to” say where it sits.
      </p>
      {plan.parts.length > 0 ? (
        <table className="parts-table" aria-labelledby="plan-parts-heading" aria-describedby="plan-parts-hint">
          <colgroup>
            {['name', 'kind', 'count', 'size', 'colour', 'material', 'placed', 'relative-to', 'remove'].map((column) => (
              <col key={column} className={`parts-table__col--${column}`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.parts.map((part, index) => (
              <PartRow key={`${index}:${part.id}`} plan={plan} index={index} errors={errors} onEdit={onEdit} onRemove={remove} />
            ))}
          </tbody>
        </table>
      ) : (
        <p>This plan has no parts yet: nothing is drawn.</p>
      )}
      <button ref={addButton} id="plan-add-part" type="button" className="button button--secondary" onClick={add}>
        Add a part
      </button>
    </section>
  );
}
