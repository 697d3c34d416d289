import type { ReactNode } from 'react';
import { colorName } from '../../plan/colorNames';
import { updatePart } from '../../plan/edits';
import { errorsAt, fieldId, type FieldPath, type PlanFieldErrors } from '../../plan/fieldPaths';
import { MATERIALS, MAX_PART_COUNT, PART_KINDS, RELATIONS, type Part, type Plan } from '../../plan/model';
import { FieldErrors } from '../form/TextField';
import { choiceWords, RELATION_WORDS } from './choiceWords';
import type { OnEdit } from './editorTypes';
import { NumberField } from './NumberField';
import { partLabel, PartSelect } from './PartSelect';

export interface PartRowProps {
  plan: Plan;
  index: number;
  errors: PlanFieldErrors;
  onEdit: OnEdit;
  onRemove: (index: number) => void;
}

const SIDES = ['Width', 'Height', 'Depth'] as const;

/** One cell: the column's name shown above the control where the table is laid out as cards, and the field's errors under it. */
function Cell({ column, label = column, path, errors, children, header = false }: { column: string; label?: string; path: FieldPath; errors: string[]; children: ReactNode; header?: boolean }) {
  const content = (
    <>
      <span className="parts-table__cell-label" aria-hidden="true">
        {label}
      </span>
      {children}
      {errors.length > 0 && <FieldErrors id={`${fieldId(path)}-errors`} errors={errors} />}
    </>
  );
  const className = `parts-table__cell parts-table__cell--${column.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`;
  return header ? (
    <th scope="row" className={className}>
      {content}
    </th>
  ) : (
    <td className={className}>{content}</td>
  );
}

/**
 * One part as a row of the parts table: every field editable, each choice
 * limited to what the plan format allows, placements only relative to
 * parts the plan has.
 */
export function PartRow({ plan, index, errors, onEdit, onRemove }: PartRowProps) {
  const part = plan.parts[index]!;
  const name = partLabel(part, plan.parts);
  const base = `parts[${index}]`;
  const at = (field: string): FieldPath => `${base}.${field}`;
  const errorsOf = (field: string) => errorsAt(errors, at(field));
  const describedBy = (field: string) => (errorsOf(field).length > 0 ? `${fieldId(at(field))}-errors` : undefined);
  const invalid = (field: string) => errorsOf(field).length > 0;

  const edit = (patch: Partial<Part>, field: string, label: string, typing = false) =>
    onEdit({ plan: updatePart(plan, index, patch), label: `${name}: ${label}`, key: typing ? at(field) : undefined, field: at(field) });

  const sizeErrors = [0, 1, 2].flatMap((k) => errorsOf(`size[${k}]`)).concat(errorsOf('size'));
  return (
    <tr className="parts-table__row">
      <Cell column="Name" path={at('name')} errors={errorsOf('name')} header>
        <input
          id={fieldId(at('name'))}
          type="text"
          aria-label={`Name of part ${index + 1}`}
          value={part.name}
          aria-invalid={invalid('name') || undefined}
          aria-describedby={describedBy('name')}
          onChange={(event) => edit({ name: event.target.value }, 'name', `name “${event.target.value}”`, true)}
        />
      </Cell>
      <Cell column="Kind" path={at('kind')} errors={errorsOf('kind')}>
        <select
          id={fieldId(at('kind'))}
          aria-label={`Kind of ${name}`}
          value={part.kind}
          aria-invalid={invalid('kind') || undefined}
          aria-describedby={describedBy('kind')}
          onChange={(event) => edit({ kind: event.target.value as Part['kind'] }, 'kind', `kind ${event.target.value}`)}
        >
          {PART_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {choiceWords(kind)}
            </option>
          ))}
        </select>
      </Cell>
      <Cell column="Count" path={at('count')} errors={errorsOf('count')}>
        <NumberField
          id={fieldId(at('count'))}
          label={`Count of ${name}`}
          value={part.count}
          min={1}
          max={MAX_PART_COUNT}
          integer
          invalid={invalid('count')}
          describedBy={describedBy('count')}
          onCommit={(count) => edit({ count }, 'count', `count ${count}`, true)}
        />
      </Cell>
      <Cell column="Size (cm)" label="Size (cm): width × height × depth" path={at('size')} errors={sizeErrors}>
        <span className="parts-table__size">
          {SIDES.map((side, k) => (
            <NumberField
              key={side}
              id={fieldId(at(`size[${k}]`))}
              label={`${side} of ${name} (cm)`}
              value={part.size[k]!}
              min={0}
              exclusiveMin
              max={10000}
              invalid={invalid(`size[${k}]`)}
              describedBy={sizeErrors.length > 0 ? `${fieldId(at('size'))}-errors` : undefined}
              onCommit={(value) => {
                const size = [...part.size] as Part['size'];
                size[k] = value;
                edit({ size }, `size[${k}]`, `${side.toLowerCase()} ${value} cm`, true);
              }}
            />
          ))}
        </span>
      </Cell>
      <Cell column="Colour" path={at('color')} errors={errorsOf('color')}>
        <input
          id={fieldId(at('color'))}
          type="color"
          className="parts-table__color"
          aria-label={`Colour of ${name}`}
          title={`${part.color} ${colorName(part.color)}`}
          value={/^#[0-9a-f]{6}$/.test(part.color) ? part.color : '#000000'}
          aria-invalid={invalid('color') || undefined}
          aria-describedby={describedBy('color')}
          onChange={(event) => edit({ color: event.target.value.toLowerCase() }, 'color', `colour ${event.target.value}`, true)}
        />
      </Cell>
      <Cell column="Material" path={at('material')} errors={errorsOf('material')}>
        <select
          id={fieldId(at('material'))}
          aria-label={`Material of ${name}`}
          value={part.material}
          aria-invalid={invalid('material') || undefined}
          aria-describedby={describedBy('material')}
          onChange={(event) => edit({ material: event.target.value as Part['material'] }, 'material', `material ${event.target.value}`)}
        >
          {MATERIALS.map((material) => (
            <option key={material} value={material}>
              {choiceWords(material)}
            </option>
          ))}
        </select>
      </Cell>
      <Cell column="Placed" path={at('placement.relation')} errors={errorsOf('placement.relation')}>
        <select
          id={fieldId(at('placement.relation'))}
          aria-label={`How ${name} is placed`}
          value={part.placement.relation}
          aria-invalid={invalid('placement.relation') || undefined}
          aria-describedby={describedBy('placement.relation')}
          onChange={(event) =>
            edit(
              { placement: { ...part.placement, relation: event.target.value as Part['placement']['relation'] } },
              'placement.relation',
              `placed ${RELATION_WORDS[event.target.value as Part['placement']['relation']]}`,
            )
          }
        >
          {RELATIONS.map((relation) => (
            <option key={relation} value={relation}>
              {RELATION_WORDS[relation]}
            </option>
          ))}
        </select>
      </Cell>
      <Cell column="Relative to" path={at('placement.target')} errors={errorsOf('placement.target')}>
        <PartSelect
          id={fieldId(at('placement.target'))}
          ariaLabel={`What ${name} is placed relative to`}
          value={part.placement.target}
          parts={plan.parts}
          exclude={part.id}
          noneLabel="the ground"
          invalid={invalid('placement.target')}
          describedBy={describedBy('placement.target')}
          onChange={(target) => {
            const placement = target === undefined ? { relation: part.placement.relation } : { relation: part.placement.relation, target };
            const targetName = target === undefined ? 'the ground' : partLabel(plan.parts.find((p) => p.id === target)!, plan.parts);
            edit({ placement }, 'placement.target', `placed relative to ${targetName}`);
          }}
        />
      </Cell>
      <td className="parts-table__cell parts-table__cell--remove">
        <button type="button" className="button button--secondary button--icon" aria-label={`Remove ${name}`} title={`Remove ${name}`} onClick={() => onRemove(index)}>
          <span aria-hidden="true">×</span>
        </button>
      </td>
    </tr>
  );
}
