import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, describeError, savePlan } from '../../api/client';
import type { GuideRequest } from '../../api/types';
import { usePlanPreview } from '../../hooks/usePlanPreview';
import { fieldErrorsFrom, fieldId, noFieldErrors, stepIndexOf, withoutField, type PlanFieldErrors } from '../../plan/fieldPaths';
import { adopt, canRedo, canUndo, record, redo, redoLabel, settle, startHistory, undo, undoLabel, type PlanHistory } from '../../plan/history';
import { samePlan, type GuidePlan, type Plan, type SavedPlan } from '../../plan/model';
import { Link } from '../../routing/router';
import { STEP_PANEL_ID, StepTabs, stepTabId } from '../storyboard/StepTabs';
import type { StepView } from '../storyboard/stepViews';
import type { EditorEdit } from './editorTypes';
import { planAuthorWords, savedText } from './editorTexts';
import { PartsTable } from './PartsTable';
import { PlanPreview } from './PlanPreview';
import { SaveErrors } from './SaveErrors';
import { StepOperations } from './StepOperations';

/** The preview's width in pixels; its height follows the guide's aspect. */
const PREVIEW_WIDTH = 640;

export interface PlanEditorProps {
  apiUrl: string;
  guideId: string;
  /** The guide's plan as the server has it now; null until read. */
  guidePlan: GuidePlan | null;
  planError: string | null;
  /** A language model is still writing the plan. */
  planPending: boolean;
  /** Reads the newest plan (after a 412). */
  reloadPlan: () => Promise<GuidePlan | null>;
  /** The storyboard's steps: the tabs (with each step's status) and the pictures in the guide now. */
  steps: StepView[];
  guide: GuideRequest | null;
  /** The plan waits for the maker (plan first): saving draws nothing, and drawing starts from here. */
  review: boolean;
  /** Starts drawing a guide in review. */
  onStartDrawing?: () => Promise<void>;
  /** The step to open at (1-based). */
  initialStep?: number;
  /** After a save: the page follows the redraw. */
  onSaved: (saved: SavedPlan) => Promise<void> | void;
  /** Where "Back to the pictures" goes; none: no such link. */
  closeHref?: string | null;
  /** Milliseconds of quiet before the preview is drawn (tests may shorten it). */
  previewDelay?: number;
}

interface Base {
  version: number;
  plan: Plan;
  source: string;
  confidence?: number | null;
}

function baseOf(guidePlan: GuidePlan): Base {
  return { version: guidePlan.version, plan: guidePlan.plan, source: guidePlan.source, confidence: guidePlan.confidence };
}

/** Problems from a 422: every field named, or the one field, or the message alone. */
function problemsOf(error: ApiError): { field: string; message: string }[] {
  const body = error.body?.error;
  if (!body) return [{ field: 'plan', message: error.message }];
  if (body.fields && body.fields.length > 0) return body.fields;
  return [{ field: body.field ?? 'plan', message: body.message }];
}

function isUndoKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'z';
}

function isRedoKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && ((event.key.toLowerCase() === 'z' && event.shiftKey) || event.key.toLowerCase() === 'y');
}

/**
 * The plan editor: the steps (tabs, each step's operations as forms), the
 * parts table, and the schematic preview of the selected step redrawn as
 * the maker types. Undo and redo (buttons, Ctrl+Z, Ctrl+Shift+Z); Save
 * sends the plan with the version it was made from, and says what was
 * redrawn; a 422 marks the fields it names, a 412 offers the newest plan.
 */
export function PlanEditor({
  apiUrl,
  guideId,
  guidePlan,
  planError,
  planPending,
  reloadPlan,
  steps,
  guide,
  review,
  onStartDrawing,
  initialStep = 1,
  onSaved,
  closeHref = null,
  previewDelay,
}: PlanEditorProps) {
  const [base, setBase] = useState<Base | null>(() => (guidePlan ? baseOf(guidePlan) : null));
  const [history, setHistory] = useState<PlanHistory | null>(() => (guidePlan ? startHistory(guidePlan.plan) : null));
  const [selected, setSelected] = useState(initialStep);
  const [errors, setErrors] = useState<PlanFieldErrors>(noFieldErrors);
  const [conflict, setConflict] = useState<string | null>(null);
  const [outdated, setOutdated] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [starting, setStarting] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const ownSaves = useRef(new Set<number>());
  const errorsRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** What takes the focus after the next render: a field (by id), or the list of a save's errors. */
  const focusField = useRef<string | null>(null);
  const focusErrors = useRef(false);

  const plan = history?.present ?? null;
  const dirty = plan !== null && base !== null && !samePlan(plan, base.plan);
  const stepCount = plan?.steps.length ?? 0;
  const stepNumber = Math.min(Math.max(1, selected), Math.max(1, stepCount));

  const announce = useCallback((message: string) => {
    // The same words again are news too: clear, then say.
    setAnnouncement('');
    queueMicrotask(() => setAnnouncement(message));
  }, []);

  // The server's plan: the first one read, ours read back after a save, or one saved elsewhere.
  useEffect(() => {
    if (!guidePlan || saving) return;
    if (!base || !history) {
      setBase(baseOf(guidePlan));
      setHistory(startHistory(guidePlan.plan));
      return;
    }
    if (guidePlan.version < base.version) return;
    if (guidePlan.version === base.version) {
      if (!ownSaves.current.has(guidePlan.version) || guidePlan.plan === base.plan) return;
      // Our own save as stored (with the framing the server keeps).
      setBase(baseOf(guidePlan));
      if (samePlan(history.present, guidePlan.plan)) setHistory(adopt(history, guidePlan.plan));
      return;
    }
    if (dirty) {
      setOutdated(guidePlan.version);
      return;
    }
    setBase(baseOf(guidePlan));
    setHistory(record(settle(history), { plan: guidePlan.plan, label: `version ${guidePlan.version}, saved elsewhere` }));
    announce(`The plan was changed elsewhere: this is version ${guidePlan.version} now.`);
  }, [guidePlan, base, history, saving, dirty, announce]);

  // After a refused save, the list of problems takes the focus; after a change of step (going to a
  // field with an error), the field does.
  useEffect(() => {
    if (focusErrors.current && errorsRef.current) {
      focusErrors.current = false;
      errorsRef.current.focus();
    }
    const id = focusField.current;
    if (id === null) return;
    focusField.current = null;
    document.getElementById(id)?.focus();
  });

  const edit = useCallback(
    (change: EditorEdit) => {
      setHistory((current) => (current ? record(current, change) : current));
      if (change.field !== undefined) setErrors((current) => withoutField(current, change.field!));
      setResult(null);
    },
    [],
  );

  const move = (direction: 'undo' | 'redo') => {
    if (!history) return;
    const label = direction === 'undo' ? undoLabel(history) : redoLabel(history);
    if (label === null) return;
    setHistory(direction === 'undo' ? undo(history) : redo(history));
    setResult(null);
    announce(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${label}.`);
    // A control that went away with the edit leaves the focus nowhere: it goes to the heading.
    queueMicrotask(() => {
      if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (isRedoKey(event)) {
      event.preventDefault();
      move('redo');
    } else if (isUndoKey(event)) {
      event.preventDefault();
      move('undo');
    }
  };

  const save = async (): Promise<SavedPlan | null> => {
    if (!plan || !base || saving) return null;
    setSaving(true);
    setFailure(null);
    setResult(null);
    try {
      const saved = await savePlan(apiUrl, guideId, base.version, plan);
      ownSaves.current.add(saved.version);
      setBase({ version: saved.version, plan, source: 'edited' });
      setHistory((current) => (current ? settle(current) : current));
      setErrors(noFieldErrors);
      setConflict(null);
      setOutdated(null);
      const text = savedText(saved, review);
      setResult(text);
      announce(text);
      await onSaved(saved);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(
          `Someone else saved this plan after you opened it (you edited version ${base.version}). Your changes were not saved. Reload the plan to see theirs, then make yours again.`,
        );
      } else if (error instanceof ApiError && error.status === 422) {
        setErrors(fieldErrorsFrom(problemsOf(error)));
        focusErrors.current = true;
      } else {
        setFailure(`The plan was not saved: ${describeError(error)}`);
      }
      return null;
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    const fresh = await reloadPlan();
    if (!fresh) {
      setFailure('The plan could not be read again. Try again in a moment.');
      return;
    }
    setBase(baseOf(fresh));
    setHistory(startHistory(fresh.plan));
    setConflict(null);
    setOutdated(null);
    setErrors(noFieldErrors);
    setFailure(null);
    announce(`Reloaded: this is version ${fresh.version} of the plan.`);
    headingRef.current?.focus();
  };

  const startDrawing = async () => {
    if (!onStartDrawing || starting || saving) return;
    setStarting(true);
    setFailure(null);
    try {
      if (dirty && !(await save())) return;
      await onStartDrawing();
    } catch (error) {
      setFailure(`Drawing did not start: ${describeError(error)}`);
    } finally {
      setStarting(false);
    }
  };

  const goTo = (path: string) => {
    const step = stepIndexOf(path);
    if (step !== null) setSelected(step + 1);
    focusField.current = fieldId(path);
    // The field may already be on show: the effect runs after the next render either way.
    setErrors((current) => ({ ...current }));
  };

  const width = guide?.width ?? 1024;
  const height = guide?.height ?? 768;
  const preview = usePlanPreview({
    apiUrl,
    plan,
    stepNumber,
    style: guide?.style,
    width: PREVIEW_WIDTH,
    height: Math.min(2048, Math.max(256, Math.round((PREVIEW_WIDTH * height) / width))),
    delay: previewDelay,
  });

  if (!plan || !base || !history) {
    return (
      <section className="plan-editor" aria-labelledby="plan-editor-heading">
        <h2 id="plan-editor-heading" tabIndex={-1} data-navigation-focus>
          {review ? 'Check the plan' : 'Fix the plan'}
        </h2>
        {planError ? (
          <div className="notice notice--error" role="alert">
            <p>The plan could not be read: {planError}</p>
            <button type="button" className="button button--secondary" onClick={() => void reloadPlan()}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status">{planPending ? 'A language model is writing the plan; it opens here when it is written…' : 'Reading the plan…'}</p>
        )}
      </section>
    );
  }

  const tabs = plan.steps.map((step, index): StepView => {
    const view = steps[index];
    if (view) return view;
    const number = index + 1;
    return {
      number,
      label: step.title ? `Step ${number}: ${step.title}` : `Step ${number}`,
      text: null,
      image: { step_number: number, image_id: null, image_url: null, status: 'pending', generated_at: null, attempts: 0 },
      status: 'pending',
      photo: null,
      preview: null,
      partial: null,
      understanding: null,
      check: null,
    };
  });
  const current = tabs[stepNumber - 1] ?? null;
  const planStep = plan.steps[stepNumber - 1];
  const stepLabel = current?.label ?? `Step ${stepNumber}`;
  const undoText = undoLabel(history);
  const redoText = redoLabel(history);
  const confidence = typeof base.confidence === 'number' ? ` · understood ${Math.round(base.confidence * 100)}%` : '';

  return (
    <section className="plan-editor" aria-labelledby="plan-editor-heading" onKeyDown={onKeyDown}>
      <div className="plan-editor__head">
        <h2 id="plan-editor-heading" ref={headingRef} tabIndex={-1} data-navigation-focus>
          {review ? 'Check the plan' : 'Fix the plan'}
        </h2>
        {closeHref && (
          <Link
            to={closeHref}
            className="button button--secondary"
            onClick={(event) => {
              if (dirty && !window.confirm('Leave the editor? Your unsaved changes to the plan will be lost.')) event.preventDefault();
            }}
          >
            Back to the pictures
          </Link>
        )}
      </div>
      <p className="plan-editor__intro">
        {review
          ? 'Nothing is drawn yet. Check what stepcast understood — the parts, and what each step does — fix what is wrong, then start drawing.'
          : 'Fix what stepcast understood: the parts, and what each step does. The preview follows your edits; saving draws again only the steps whose picture changes.'}
      </p>
      <p className="plan-editor__meta">
        Version {base.version}
        {base.version === 0 ? ' (not saved yet)' : ''} · {planAuthorWords(base.source)}
        {confidence}
      </p>

      <div className="plan-editor__toolbar">
        <div className="plan-editor__buttons">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={!canUndo(history) || undefined}
            aria-keyshortcuts="Control+Z"
            title={undoText ? `Undo: ${undoText} (Ctrl+Z)` : 'Nothing to undo'}
            onClick={() => move('undo')}
          >
            <span aria-hidden="true">↶ </span>Undo
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={!canRedo(history) || undefined}
            aria-keyshortcuts="Control+Shift+Z Control+Y"
            title={redoText ? `Redo: ${redoText} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            onClick={() => move('redo')}
          >
            <span aria-hidden="true">↷ </span>Redo
          </button>
          <button type="button" className={review ? 'button button--secondary' : 'button button--primary'} aria-disabled={!dirty || saving || undefined} onClick={() => dirty && void save()}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          {review && onStartDrawing && (
            <button type="button" className="button button--primary" aria-disabled={starting || saving || undefined} onClick={() => void startDrawing()}>
              {starting ? 'Starting…' : dirty ? 'Save and start drawing' : 'Start drawing'}
            </button>
          )}
        </div>
        <p className={dirty ? 'plan-editor__state plan-editor__state--dirty' : 'plan-editor__state'}>{dirty ? 'Unsaved changes' : 'No unsaved changes'}</p>
      </div>

      {conflict && (
        <div className="notice notice--error" role="alert">
          <p>{conflict}</p>
          <button type="button" className="button button--primary" onClick={() => void reload()}>
            Reload the plan
          </button>
        </div>
      )}
      {!conflict && outdated !== null && (
        <div className="notice" role="status">
          <p>Someone else saved version {outdated} of this plan while you were editing; saving yours would be refused. Reload the plan to work on theirs (your unsaved changes here are lost).</p>
          <button type="button" className="button button--secondary" onClick={() => void reload()}>
            Reload the plan
          </button>
        </div>
      )}
      <SaveErrors ref={errorsRef} errors={errors} plan={plan} onGoTo={goTo} />
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {result && <p className="notice notice--saved plan-editor__result">{result}</p>}

      <div className="plan-editor__body">
        <section className="plan-editor__steps" aria-labelledby="plan-steps-heading">
          <h3 id="plan-steps-heading">Steps</h3>
          <StepTabs steps={tabs} selected={stepNumber} onSelect={setSelected} />
          <div role="tabpanel" id={STEP_PANEL_ID} aria-labelledby={stepTabId(stepNumber)} className="plan-editor__step">
            <h4 className="plan-editor__step-title">{stepLabel}</h4>
            {planStep && <StepOperations plan={plan} stepIndex={stepNumber - 1} text={current?.text ?? null} errors={errors} onEdit={edit} onAnnounce={announce} />}
          </div>
        </section>
        <PlanPreview preview={preview} plan={plan} stepNumber={stepNumber} stepLabel={stepLabel} current={review ? null : current} width={width} height={height} />
        <PartsTable plan={plan} errors={errors} onEdit={edit} onAnnounce={announce} />
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
}
