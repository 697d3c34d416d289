import { useState } from 'react';
import type { BundledExample } from '../../examples';

export interface ExamplePickerProps {
  examples: BundledExample[];
  onLoad: (example: BundledExample) => void;
}

/** Choose a bundled example, then load it into the form (replacing what is there). */
export function ExamplePicker({ examples, onLoad }: ExamplePickerProps) {
  const [chosenKey, setChosenKey] = useState('');
  const chosen = examples.find((example) => example.key === chosenKey);
  return (
    <div className="example-picker">
      <label htmlFor="example">Load an example</label>
      <div className="example-picker__row">
        <select id="example" value={chosenKey} onChange={(event) => setChosenKey(event.target.value)}>
          <option value="">Choose an example…</option>
          {examples.map((example) => (
            <option key={example.key} value={example.key}>
              {example.guide.title}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary" disabled={!chosen} onClick={() => chosen && onLoad(chosen)}>
          Load example
        </button>
      </div>
    </div>
  );
}
