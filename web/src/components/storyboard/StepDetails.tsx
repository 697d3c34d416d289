import type { StepText } from '../../api/types';

function ListSection({ heading, items, className }: { heading: string; items?: string[]; className: string }) {
  if (!items || items.length === 0) return null;
  return (
    <section className={className}>
      <h4>{heading}</h4>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

function SafetyNotes({ notes }: { notes?: string[] }) {
  if (!notes || notes.length === 0) return null;
  return (
    <section className="step-details__safety" aria-label="Safety notes">
      <h4>
        <svg className="safety-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2L1 21h22L12 2z" fill="currentColor" />
          <path d="M12 9v5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
          <circle cx="12" cy="17.5" r="1.3" fill="#fff" />
        </svg>{' '}
        Safety
      </h4>
      <ul>
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}

/** A step's written texts: description, tools, safety notes (marked out) and tips. */
export function StepDetails({ text }: { text: StepText | null }) {
  if (!text) {
    return (
      <p className="step-details__missing">
        This step's text is kept only in the browser session that created the guide.
      </p>
    );
  }
  return (
    <div className="step-details">
      {text.description && <p className="step-details__description">{text.description}</p>}
      <ListSection heading="Tools" items={text.tools} className="step-details__tools" />
      <SafetyNotes notes={text.safety_notes} />
      <ListSection heading="Tips" items={text.tips} className="step-details__tips" />
    </div>
  );
}
