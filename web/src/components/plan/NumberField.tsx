import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  id: string;
  /** The accessible name (the visible label, if any, is its start). */
  label: string;
  value: number;
  onCommit: (value: number) => void;
  /** Smallest allowed; with `exclusiveMin`, the value must be above it. */
  min: number;
  max: number;
  exclusiveMin?: boolean;
  integer?: boolean;
  /** The number shown is the value times this (100: a share shown as a percent). */
  scale?: number;
  /** Ids of texts that describe the field (its errors). */
  describedBy?: string;
  invalid?: boolean;
  className?: string;
}

function shown(value: number, scale: number): string {
  return String(Math.round(value * scale * 1000) / 1000);
}

/**
 * A number typed as text. Each keystroke that makes a number in range is
 * committed; anything else stays in the box, marked, with what is
 * expected, and commits nothing. The box follows the value when it
 * changes from outside (undo).
 */
export function NumberField({ id, label, value, onCommit, min, max, exclusiveMin = false, integer = false, scale = 1, describedBy, invalid = false, className }: NumberFieldProps) {
  const [text, setText] = useState(() => shown(value, scale));
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setText((current) => (Number(current.replace(',', '.')) / scale === value ? current : shown(value, scale)));
    setProblem(null);
  }, [value, scale]);

  const expected = () => {
    const kind = integer ? 'a whole number' : 'a number';
    const low = min * scale;
    const high = max * scale;
    return exclusiveMin ? `Enter ${kind} above ${low}, at most ${high}.` : `Enter ${kind} from ${low} to ${high}.`;
  };

  const change = (typed: string) => {
    setText(typed);
    const number = Number(typed.replace(',', '.'));
    const parsed = typed.trim() === '' ? NaN : number / scale;
    const fits =
      Number.isFinite(parsed) && (exclusiveMin ? parsed > min : parsed >= min) && parsed <= max && (!integer || Number.isInteger(number));
    if (!fits) {
      setProblem(expected());
      return;
    }
    setProblem(null);
    if (parsed !== value) onCommit(parsed);
  };

  const problemId = `${id}-problem`;
  const described = [describedBy, problem && problemId].filter(Boolean).join(' ') || undefined;
  return (
    <span className={`number-field${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        aria-label={label}
        value={text}
        aria-invalid={invalid || problem !== null || undefined}
        aria-describedby={described}
        onChange={(event) => change(event.target.value)}
      />
      {problem && (
        <span id={problemId} className="number-field__problem">
          {problem}
        </span>
      )}
    </span>
  );
}
