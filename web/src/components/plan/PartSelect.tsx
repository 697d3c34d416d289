import type { Part } from '../../plan/model';

export interface PartSelectProps {
  id: string;
  /** The accessible name when there is no visible label for it. */
  ariaLabel?: string;
  value: string | undefined;
  parts: Part[];
  onChange: (id: string | undefined) => void;
  /** Offers "nothing" as the first choice, with this text (a placement relative to the ground). */
  noneLabel?: string;
  /** A part not to offer (a part is never placed relative to itself). */
  exclude?: string;
  describedBy?: string;
  invalid?: boolean;
}

/** "glass jar"; two parts of one name are told apart by their ids. */
export function partLabel(part: Part, parts: Part[]): string {
  const name = part.name.trim() || part.id;
  const twins = parts.filter((other) => (other.name.trim() || other.id) === name).length > 1;
  return twins ? `${name} (${part.id})` : name;
}

/** A choice of one of the plan's parts, by name (a reference, so only parts the plan has). */
export function PartSelect({ id, ariaLabel, value, parts, onChange, noneLabel, exclude, describedBy, invalid = false }: PartSelectProps) {
  const offered = parts.filter((part) => part.id !== exclude);
  const known = value === undefined || parts.some((part) => part.id === value);
  return (
    <select
      id={id}
      aria-label={ariaLabel}
      value={value ?? ''}
      aria-describedby={describedBy}
      aria-invalid={invalid || !known || undefined}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      {noneLabel !== undefined && <option value="">{noneLabel}</option>}
      {!known && value !== undefined && <option value={value}>unknown part “{value}”</option>}
      {offered.map((part) => (
        <option key={part.id} value={part.id}>
          {partLabel(part, parts)}
        </option>
      ))}
    </select>
  );
}
