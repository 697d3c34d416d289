import type { Ref } from 'react';
import type { Planner } from '../../api/types';
import type { PlannerOption } from '../../hooks/useServerChoices';
import { FieldErrors } from './TextField';

const PLANNER_NAMES: Record<Planner, string> = {
  auto: 'Automatic',
  offline: 'Offline reader',
  gemini: 'Gemini',
  openai: 'OpenAI',
};

/** Said after an option the server cannot use. */
export const UNAVAILABLE_NOTE = 'not available on this server';

/** "Gemini (gemini-3.8-flash)", "OpenAI — not available on this server". */
export function plannerLabel({ planner, available, model }: PlannerOption): string {
  const name = model ? `${PLANNER_NAMES[planner]} (${model})` : PLANNER_NAMES[planner];
  return available ? name : `${name} — ${UNAVAILABLE_NOTE}`;
}

export interface PlannerChoiceProps {
  planners: PlannerOption[];
  value: Planner;
  onChange: (planner: Planner) => void;
  errors?: string[];
  inputRef?: Ref<HTMLSelectElement>;
}

/** Who writes the guide's plan (what each step shows) before it is drawn. */
export function PlannerChoice({ planners, value, onChange, errors = [], inputRef }: PlannerChoiceProps) {
  const invalid = errors.length > 0;
  const someUnavailable = planners.some((option) => !option.available);
  const describedBy = ['planner-hint', invalid && 'planner-error'].filter(Boolean).join(' ');
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor="planner">Plan written by</label>
      <p id="planner-hint" className="field__hint">
        Who turns the steps into the plan the pictures are drawn from. Automatic uses a language model where the server
        has one, and the offline reader otherwise.
        {someUnavailable && ` Options marked “${UNAVAILABLE_NOTE}” need a language model this server is not set up for.`}
      </p>
      <select
        id="planner"
        name="planner"
        value={value}
        ref={inputRef}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value as Planner)}
      >
        {planners.map((option) => (
          <option key={option.planner} value={option.planner} disabled={!option.available}>
            {plannerLabel(option)}
          </option>
        ))}
      </select>
      {invalid && <FieldErrors id="planner-error" errors={errors} />}
    </div>
  );
}
