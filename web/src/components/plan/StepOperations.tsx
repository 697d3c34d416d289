import { useEffect, useRef } from 'react';
import type { StepText } from '../../api/types';
import { addOperation, removeOperation, updateStep } from '../../plan/edits';
import { errorsAt, fieldId, type PlanFieldErrors } from '../../plan/fieldPaths';
import { TOOL_LABELS, TOOLS, type Operation, type Plan, type Tool } from '../../plan/model';
import { operationSentence } from '../../plan/sentences';
import { PartsInView } from '../storyboard/PartsInView';
import { stepScenes } from '../../plan/stepParts';
import type { OnEdit } from './editorTypes';
import { OperationForm } from './OperationForm';

export interface StepOperationsProps {
  plan: Plan;
  /** 0-based. */
  stepIndex: number;
  /** The step's texts as written, where known. */
  text: StepText | null;
  errors: PlanFieldErrors;
  onEdit: OnEdit;
  onAnnounce: (message: string) => void;
}

/** Longer than this, a step's text shows its start and opens to the whole. */
const LONG_TEXT = 240;

/** The step's text as written, for comparing with the plan (a long one collapsed to its start). */
function StepText({ description }: { description: string }) {
  if (description.length <= LONG_TEXT) {
    return (
      <p className="step-ops__text">
        <span className="step-ops__text-label">The text says: </span>
        {description}
      </p>
    );
  }
  const start = description.slice(0, description.lastIndexOf(' ', 160) > 80 ? description.lastIndexOf(' ', 160) : 160);
  return (
    <details className="step-ops__text">
      <summary>
        <span className="step-ops__text-label">The text says: </span>
        <span className="step-ops__text-start">
          {start}… <span className="step-ops__text-more">Show all</span>
        </span>
      </summary>
      {description}
    </details>
  );
}

/** Tools the step uses, as check boxes (collapsed: most steps need no change here). */
function ToolChoice({ plan, stepIndex, onEdit }: Pick<StepOperationsProps, 'plan' | 'stepIndex' | 'onEdit'>) {
  const step = plan.steps[stepIndex]!;
  const toggle = (tool: Tool, on: boolean) => {
    // The plan's order is kept (the icons are drawn in it); a new tool goes last.
    const tools = on ? [...step.tools.filter((t) => t !== tool), tool] : step.tools.filter((t) => t !== tool);
    onEdit({ plan: updateStep(plan, stepIndex, { tools }), label: `step ${stepIndex + 1}: ${on ? 'uses' : 'does not use'} ${TOOL_LABELS[tool]}`, field: `steps[${stepIndex}].tools` });
  };
  const summary = step.tools.length > 0 ? step.tools.map((tool) => TOOL_LABELS[tool]).join(', ') : 'none';
  return (
    <details className="step-tools">
      <summary>
        Tools drawn beside the action: <span className="step-tools__summary">{summary}</span>
      </summary>
      <fieldset className="step-tools__choices">
        <legend className="visually-hidden">Tools step {stepIndex + 1} uses</legend>
        {TOOLS.map((tool) => (
          <label key={tool} className="step-tools__choice">
            <input type="checkbox" checked={step.tools.includes(tool)} onChange={(event) => toggle(tool, event.target.checked)} /> {TOOL_LABELS[tool]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/**
 * The selected step in the editor: its text as written, what is in view
 * after it, and its operations (each a form), with Add an operation, the
 * tools, and whether it only lists materials or shows the finished build.
 */
export function StepOperations({ plan, stepIndex, text, errors, onEdit, onAnnounce }: StepOperationsProps) {
  const step = plan.steps[stepIndex]!;
  const scene = stepScenes(plan)[stepIndex];
  const focusNext = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const number = stepIndex + 1;

  useEffect(() => {
    const id = focusNext.current;
    if (id === null) return;
    focusNext.current = null;
    (document.getElementById(id) ?? addButton.current)?.focus();
  });

  const add = () => {
    const part = plan.parts[0]?.id;
    if (part === undefined) return;
    const op: Operation = { op: 'add', part };
    focusNext.current = fieldId(`steps[${stepIndex}].ops[${step.ops.length}].op`);
    onEdit({ plan: addOperation(plan, stepIndex, op), label: `step ${number}: add “${operationSentence(plan, op)}”` });
    onAnnounce(`Added operation ${step.ops.length + 1} to step ${number}: ${operationSentence(plan, op)}. Choose its action and parts.`);
  };

  const remove = (opIndex: number) => {
    const op = step.ops[opIndex];
    if (!op) return;
    const sentence = operationSentence(plan, op);
    focusNext.current = opIndex < step.ops.length - 1 ? fieldId(`steps[${stepIndex}].ops[${opIndex}].op`) : 'plan-add-operation';
    onEdit({ plan: removeOperation(plan, stepIndex, opIndex), label: `step ${number}: remove “${sentence}”` });
    onAnnounce(`Removed “${sentence}” from step ${number}. Undo brings it back.`);
  };

  const flag = (field: 'materials_only' | 'complete', on: boolean, words: string) =>
    onEdit({ plan: updateStep(plan, stepIndex, { [field]: on }), label: `step ${number}: ${on ? '' : 'not '}${words}`, field: `steps[${stepIndex}].${field}` });
  const flagErrors = (field: string) => errorsAt(errors, `steps[${stepIndex}].${field}`);

  return (
    <div className="step-ops">
      {text?.description && <StepText description={text.description} />}
      {scene && <PartsInView scene={scene} />}
      <h5 id="plan-step-ops-heading">What this step does</h5>
      {step.ops.length > 0 ? (
        <ol className="step-ops__list" aria-labelledby="plan-step-ops-heading">
          {step.ops.map((_op, opIndex) => (
            <li key={opIndex}>
              <OperationForm plan={plan} stepIndex={stepIndex} opIndex={opIndex} errors={errors} onEdit={onEdit} onRemove={remove} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="step-ops__none">Nothing happens in this step: its picture is the one before it.</p>
      )}
      <button
        ref={addButton}
        id="plan-add-operation"
        type="button"
        className="button button--secondary"
        aria-disabled={plan.parts.length === 0 || undefined}
        aria-describedby={plan.parts.length === 0 ? 'plan-add-operation-hint' : undefined}
        onClick={() => plan.parts.length > 0 && add()}
      >
        Add an operation
      </button>
      {plan.parts.length === 0 && (
        <p id="plan-add-operation-hint" className="plan-editor__hint">
          Add a part first: every operation acts on a part.
        </p>
      )}
      <div className="step-ops__flags">
        <label className="step-ops__flag">
          <input
            id={fieldId(`steps[${stepIndex}].materials_only`)}
            type="checkbox"
            checked={step.materials_only}
            aria-invalid={flagErrors('materials_only').length > 0 || undefined}
            onChange={(event) => flag('materials_only', event.target.checked, 'only a materials list')}
          />{' '}
          Only lists materials (nothing is drawn)
        </label>
        <label className="step-ops__flag">
          <input
            id={fieldId(`steps[${stepIndex}].complete`)}
            type="checkbox"
            checked={step.complete}
            aria-invalid={flagErrors('complete').length > 0 || undefined}
            onChange={(event) => flag('complete', event.target.checked, 'the finished build')}
          />{' '}
          Shows the finished build
        </label>
      </div>
      {[...flagErrors('materials_only'), ...flagErrors('complete')].length > 0 && (
        <ul className="field__errors">
          {[...flagErrors('materials_only'), ...flagErrors('complete')].map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <ToolChoice plan={plan} stepIndex={stepIndex} onEdit={onEdit} />
    </div>
  );
}
