import { useRef, useState, type FormEvent } from 'react';
import { ApiError, createGuide, describeError } from '../api/client';
import { rememberSubmittedGuide } from '../api/submittedGuides';
import { ConceptImageField } from '../components/form/ConceptImageField';
import { EngineChoice } from '../components/form/EngineChoice';
import { ExamplePicker } from '../components/form/ExamplePicker';
import { PlannerChoice } from '../components/form/PlannerChoice';
import { ReviewPlanChoice } from '../components/form/ReviewPlanChoice';
import { StrategyChoice } from '../components/form/StrategyChoice';
import { StyleChoice } from '../components/form/StyleChoice';
import { TextField } from '../components/form/TextField';
import { VerifyChoice } from '../components/form/VerifyChoice';
import { bundledExamples, type BundledExample } from '../examples';
import { readConceptImage } from '../form/conceptImage';
import {
  formErrorsFromApi,
  keepErrorsOnShownFields,
  moveFieldErrors,
  noFormErrors,
  type FormErrors,
  type GuideFormField,
} from '../form/fieldErrors';
import {
  buildGuideRequest,
  emptyGuideForm,
  formValuesFromGuide,
  isCloudEngine,
  readStepsInput,
  verifyChecked,
  type GuideFormTextField,
  type GuideFormValues,
} from '../form/guideForm';
import { useServerChoices } from '../hooks/useServerChoices';
import { guidePath, navigate } from '../routing/router';

export interface NewGuidePageProps {
  apiUrl: string;
  /** true/false: whether to offer the photo style (cloud engines); absent: as the server's /capabilities say. The engines always come from there. */
  photoAvailable?: boolean;
  examples?: BundledExample[];
}

/** The fields in the order they are shown (the first with an error takes the focus). */
const FIELD_ORDER: GuideFormField[] = ['title', 'description', 'materials', 'steps', 'planner', 'engine', 'strategy', 'concept_image', 'verify', 'style', 'review_plan'];

/** What the steps field will be read as, said under it. */
function stepsNote(steps: string): string | undefined {
  if (steps.trim() === '') return undefined;
  const input = readStepsInput(steps);
  if (input.kind === 'invalid') return undefined;
  const count = input.guide.steps.length;
  const noun = count === 1 ? 'step' : 'steps';
  return input.kind === 'json' ? `Read as JSON: ${count} ${noun}.` : `${count} ${noun}.`;
}

export function NewGuidePage({ apiUrl, photoAvailable, examples = bundledExamples }: NewGuidePageProps) {
  const [values, setValues] = useState<GuideFormValues>(emptyGuideForm);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [submitting, setSubmitting] = useState(false);
  const { styles, engines, planners, verify } = useServerChoices(apiUrl, photoAvailable);
  const fieldRefs = useRef<Partial<Record<GuideFormField, HTMLElement | null>>>({});
  const formErrorRef = useRef<HTMLDivElement>(null);
  const conceptReads = useRef(0);
  const cloud = isCloudEngine(values.engine);
  const shownFields = FIELD_ORDER.filter((field) => {
    if (field === 'engine') return engines.length > 1;
    if (field === 'strategy' || field === 'concept_image') return cloud;
    if (field === 'verify') return cloud && verify !== null;
    return true;
  });

  const setFieldErrors = (field: GuideFormField, messages: string[] | undefined) =>
    setErrors((previous) => ({ ...previous, fields: { ...previous.fields, [field]: messages } }));

  const change = <K extends keyof GuideFormValues>(field: K, value: GuideFormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
  };

  const update = (field: GuideFormTextField) => (value: string) => {
    change(field, value);
    setFieldErrors(field, undefined);
  };

  const chooseConceptImage = async (file: File) => {
    const read = (conceptReads.current += 1);
    setFieldErrors('concept_image', undefined);
    change('conceptImage', null);
    const result = await readConceptImage(file);
    if (read !== conceptReads.current) return; // Another file was chosen meanwhile.
    if (result.ok) change('conceptImage', result.image);
    else setFieldErrors('concept_image', [result.message]);
  };

  const removeConceptImage = () => {
    conceptReads.current += 1;
    change('conceptImage', null);
    setFieldErrors('concept_image', undefined);
  };

  const showErrors = (found: FormErrors) => {
    setErrors(found);
    const firstField = FIELD_ORDER.find((field) => found.fields[field]?.length);
    // Let the errors render, then take the person to the first one.
    queueMicrotask(() => {
      if (firstField) fieldRefs.current[firstField]?.focus();
      else formErrorRef.current?.focus();
    });
  };

  const loadExample = (example: BundledExample) => {
    setValues((previous) => formValuesFromGuide(example.guide, previous));
    setErrors(noFormErrors);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    if (cloud && errors.fields.concept_image?.length) {
      // A refused concept image: say so again rather than send the guide without it.
      showErrors({ fields: { concept_image: errors.fields.concept_image }, form: [] });
      return;
    }
    const built = buildGuideRequest(values, verify);
    if (!built.ok) {
      showErrors(built.errors);
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      const accepted = await createGuide(apiUrl, built.request);
      rememberSubmittedGuide(accepted.id, built.request);
      navigate(guidePath(accepted.id));
    } catch (error) {
      setSubmitting(false);
      showErrors(
        error instanceof ApiError && error.body
          ? keepErrorsOnShownFields(moveFieldErrors(formErrorsFromApi(error.body), built.takenFromJson, 'steps'), shownFields)
          : { fields: {}, form: [describeError(error)] },
      );
    }
  };

  const setFieldRef = (field: GuideFormField) => (element: HTMLElement | null) => {
    fieldRefs.current[field] = element;
  };

  return (
    <section className="new-guide" aria-labelledby="new-guide-heading">
      <h1 id="new-guide-heading" tabIndex={-1}>
        Illustrate a DIY project
      </h1>
      <p className="lead">Write the steps of your project; stepcast draws one picture per step while you watch.</p>

      <ExamplePicker examples={examples} onLoad={loadExample} />

      <form className="guide-form" onSubmit={submit} noValidate aria-describedby={errors.form.length ? 'form-errors' : undefined}>
        {errors.form.length > 0 && (
          <div id="form-errors" className="form-errors" role="alert" tabIndex={-1} ref={formErrorRef}>
            <p>The guide could not be created:</p>
            <ul>
              {errors.form.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        )}
        <TextField
          id="title"
          label="Project title"
          required
          value={values.title}
          onChange={update('title')}
          errors={errors.fields.title}
          inputRef={setFieldRef('title')}
          placeholder="Hanging soda bottle planter"
        />
        <TextField
          id="description"
          label="Description"
          rows={3}
          value={values.description}
          onChange={update('description')}
          errors={errors.fields.description}
          inputRef={setFieldRef('description')}
        />
        <TextField
          id="materials"
          label="Materials"
          hint="One per line."
          rows={4}
          value={values.materials}
          onChange={update('materials')}
          errors={errors.fields.materials}
          inputRef={setFieldRef('materials')}
        />
        <TextField
          id="steps"
          label="Steps"
          required
          hint={'One step per line, as "Title: what to do" or just a title. Or paste a whole guide as JSON (stepcast\'s shape or the seed\'s).'}
          rows={10}
          value={values.steps}
          onChange={update('steps')}
          errors={errors.fields.steps}
          inputRef={setFieldRef('steps')}
          note={stepsNote(values.steps)}
        />
        <PlannerChoice
          planners={planners}
          value={values.planner}
          errors={errors.fields.planner}
          inputRef={setFieldRef('planner')}
          onChange={(planner) => {
            change('planner', planner);
            setFieldErrors('planner', undefined);
          }}
        />
        {engines.length > 1 && (
          <EngineChoice
            engines={engines}
            value={values.engine}
            errors={errors.fields.engine}
            inputRef={setFieldRef('engine')}
            onChange={(engine) => {
              change('engine', engine);
              setFieldErrors('engine', undefined);
            }}
          />
        )}
        {cloud && (
          <>
            <StrategyChoice
              value={values.strategy}
              errors={errors.fields.strategy}
              inputRef={setFieldRef('strategy')}
              onChange={(strategy) => {
                change('strategy', strategy);
                setFieldErrors('strategy', undefined);
              }}
            />
            <ConceptImageField
              value={values.conceptImage}
              errors={errors.fields.concept_image}
              inputRef={setFieldRef('concept_image')}
              onChoose={(file) => void chooseConceptImage(file)}
              onRemove={removeConceptImage}
            />
            {verify && (
              <VerifyChoice
                checked={verifyChecked(values, verify)}
                onByDefault={verify.default}
                errors={errors.fields.verify}
                inputRef={setFieldRef('verify')}
                onChange={(checked) => {
                  change('verify', checked);
                  setFieldErrors('verify', undefined);
                }}
              />
            )}
          </>
        )}
        <StyleChoice value={values.style} styles={styles} errors={errors.fields.style} onChange={(style) => change('style', style)} />
        <ReviewPlanChoice
          checked={values.reviewPlan}
          cloud={cloud}
          errors={errors.fields.review_plan}
          inputRef={setFieldRef('review_plan')}
          onChange={(checked) => {
            change('reviewPlan', checked);
            setFieldErrors('review_plan', undefined);
          }}
        />
        <div className="guide-form__actions">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? 'Creating…' : values.reviewPlan ? 'Plan the guide' : 'Create step images'}
          </button>
        </div>
      </form>
    </section>
  );
}
