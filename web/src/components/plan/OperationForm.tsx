import type { ReactNode } from 'react';
import { setOperation, withKind } from '../../plan/edits';
import { errorsAt, fieldId, type FieldPath, type PlanFieldErrors } from '../../plan/fieldPaths';
import {
  ATTACH_METHODS,
  BEND_SHAPES,
  CUT_KEEPS,
  CUT_SHAPES,
  FINISH_KINDS,
  MAX_FOLDS,
  OPERATION_KINDS,
  type Operation,
  type OperationKind,
  type Plan,
} from '../../plan/model';
import { capitalized, operationSentence } from '../../plan/sentences';
import { FieldErrors } from '../form/TextField';
import { choiceWords, OPERATION_WORDS } from './choiceWords';
import type { OnEdit } from './editorTypes';
import { NumberField } from './NumberField';
import { PartSelect } from './PartSelect';

export interface OperationFormProps {
  plan: Plan;
  stepIndex: number;
  opIndex: number;
  errors: PlanFieldErrors;
  onEdit: OnEdit;
  onRemove: (opIndex: number) => void;
}

/** A labelled control of the operation, with its errors under it. */
function OpField({ path, label, errors, children }: { path: FieldPath; label: string; errors: string[]; children: ReactNode }) {
  return (
    <div className={errors.length > 0 ? 'op-field op-field--invalid' : 'op-field'}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {errors.length > 0 && <FieldErrors id={`${fieldId(path)}-errors`} errors={errors} />}
    </div>
  );
}

function Choices({ values }: { values: readonly string[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {choiceWords(value)}
        </option>
      ))}
    </>
  );
}

/**
 * One operation of a step: what it does (the action), to which part, and
 * the fields that action has, each offering only what the plan format
 * allows. Its legend is the operation in plain words, kept current.
 */
export function OperationForm({ plan, stepIndex, opIndex, errors, onEdit, onRemove }: OperationFormProps) {
  const op = plan.steps[stepIndex]!.ops[opIndex]!;
  const base = `steps[${stepIndex}].ops[${opIndex}]`;
  const at = (field: string): FieldPath => `${base}.${field}`;
  const errorsOf = (field: string) => errorsAt(errors, at(field));
  const control = (field: string) => ({
    id: fieldId(at(field)),
    'aria-invalid': errorsOf(field).length > 0 || undefined,
    'aria-describedby': errorsOf(field).length > 0 ? `${fieldId(at(field))}-errors` : undefined,
  });
  const number = opIndex + 1;
  const sentence = operationSentence(plan, op);

  const edit = (next: Operation, field: string, typing = false) =>
    onEdit({
      plan: setOperation(plan, stepIndex, opIndex, next),
      label: `step ${stepIndex + 1}, operation ${number}: ${operationSentence(plan, next)}`,
      key: typing ? at(field) : undefined,
      field: at(field),
    });
  /** The operation with one field changed (the field is one this operation has). */
  const change = (field: string, value: unknown, typing = false) => edit({ ...op, [field]: value } as Operation, field, typing);

  const partField = (field: 'part' | 'to' | 'container' | 'around' | 'into', label: string) => (
    <OpField path={at(field)} label={label} errors={errorsOf(field)}>
      <PartSelect
        id={fieldId(at(field))}
        value={(op as Record<string, unknown>)[field] as string}
        parts={plan.parts}
        invalid={errorsOf(field).length > 0}
        describedBy={control(field)['aria-describedby']}
        onChange={(id) => id !== undefined && change(field, id)}
      />
    </OpField>
  );

  return (
    <fieldset className="op-form">
      <legend className="op-form__legend">
        <span className="op-form__number">{number}.</span> {capitalized(sentence)}
      </legend>
      <div className="op-form__fields">
        <OpField path={at('op')} label="Action" errors={errorsOf('op')}>
          <select {...control('op')} value={op.op} onChange={(event) => edit(withKind(plan, op, event.target.value as OperationKind), 'op')}>
            {OPERATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {OPERATION_WORDS[kind]}
              </option>
            ))}
          </select>
        </OpField>
        {partField('part', op.op === 'fill' ? 'Fill with' : op.op === 'stuff' ? 'Stuffing' : 'Part')}
        {op.op === 'cut' && (
          <>
            <OpField path={at('shape')} label="Cut out a shape" errors={errorsOf('shape')}>
              <select
                {...control('shape')}
                value={op.shape ?? ''}
                onChange={(event) => {
                  const { shape: _old, ...rest } = op;
                  edit(event.target.value === '' ? rest : { ...rest, shape: event.target.value as typeof op.shape & string }, 'shape');
                }}
              >
                <option value="">no, cut across</option>
                <Choices values={CUT_SHAPES} />
              </select>
            </OpField>
            {!op.shape && (
              <>
                <OpField path={at('keep')} label="Piece kept" errors={errorsOf('keep')}>
                  <select {...control('keep')} value={op.keep} onChange={(event) => change('keep', event.target.value)}>
                    <Choices values={CUT_KEEPS} />
                  </select>
                </OpField>
                <OpField path={at('fraction')} label="Share kept (%)" errors={errorsOf('fraction')}>
                  <NumberField {...numberProps(control('fraction'))} label="Share kept (%)" value={op.fraction} scale={100} min={0} exclusiveMin max={1} onCommit={(value) => change('fraction', value, true)} />
                </OpField>
              </>
            )}
          </>
        )}
        {(op.op === 'paint' || op.op === 'stain') && (
          <OpField path={at('color')} label="Colour" errors={errorsOf('color')}>
            <input
              {...control('color')}
              type="color"
              value={/^#[0-9a-f]{6}$/.test(op.color) ? op.color : '#000000'}
              onChange={(event) => change('color', event.target.value.toLowerCase(), true)}
            />
          </OpField>
        )}
        {op.op === 'fill' && (
          <>
            {partField('container', 'Container')}
            <OpField path={at('level')} label="Filled to (%)" errors={errorsOf('level')}>
              <NumberField {...numberProps(control('level'))} label="Filled to (%)" value={op.level} scale={100} min={0} max={1} onCommit={(value) => change('level', value, true)} />
            </OpField>
          </>
        )}
        {op.op === 'attach' && (
          <>
            {partField('to', 'To')}
            <OpField path={at('method')} label="How" errors={errorsOf('method')}>
              <select {...control('method')} value={op.method} onChange={(event) => change('method', event.target.value)}>
                <Choices values={ATTACH_METHODS} />
              </select>
            </OpField>
          </>
        )}
        {op.op === 'sew' && partField('to', 'To (itself: sewn shut)')}
        {op.op === 'wrap' && partField('around', 'Around')}
        {op.op === 'stuff' && partField('into', 'Into')}
        {op.op === 'drill' && (
          <OpField path={at('holes')} label="Holes" errors={errorsOf('holes')}>
            <NumberField {...numberProps(control('holes'))} label="Holes" value={op.holes} min={0} max={1000} integer onCommit={(value) => change('holes', value, true)} />
          </OpField>
        )}
        {op.op === 'finish' && (
          <OpField path={at('finish')} label="Finish" errors={errorsOf('finish')}>
            <select {...control('finish')} value={op.finish} onChange={(event) => change('finish', event.target.value)}>
              <Choices values={FINISH_KINDS} />
            </select>
          </OpField>
        )}
        {op.op === 'fold' && (
          <OpField path={at('folds')} label="Folds in half" errors={errorsOf('folds')}>
            <NumberField {...numberProps(control('folds'))} label="Folds in half" value={op.folds} min={1} max={MAX_FOLDS} integer onCommit={(value) => change('folds', value, true)} />
          </OpField>
        )}
        {op.op === 'bend' && (
          <OpField path={at('shape')} label="Into" errors={errorsOf('shape')}>
            <select {...control('shape')} value={op.shape} onChange={(event) => change('shape', event.target.value)}>
              <Choices values={BEND_SHAPES} />
            </select>
          </OpField>
        )}
      </div>
      <button type="button" className="button button--secondary op-form__remove" aria-label={`Remove operation ${number}`} onClick={() => onRemove(opIndex)}>
        Remove
      </button>
    </fieldset>
  );
}

/** A NumberField's id, invalid and describedBy from a control's attributes. */
function numberProps(control: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) {
  return { id: control.id, invalid: control['aria-invalid'] === true, describedBy: control['aria-describedby'] };
}
