import type { ImageEngine } from '../../api/types';
import { ChoiceGroup } from './ChoiceGroup';

const ENGINE_DESCRIPTIONS: Record<ImageEngine, string> = {
  schematic: 'Schematic: drawn on this server from the steps, in moments',
  gemini: 'Gemini: pictures drawn by Google Gemini in the chosen style (paid per picture)',
  openai: 'OpenAI: pictures drawn by OpenAI’s image model in the chosen style (paid per picture)',
};

export interface EngineChoiceProps {
  engines: ImageEngine[];
  value: ImageEngine;
  onChange: (engine: ImageEngine) => void;
  errors?: string[];
  inputRef?: (element: HTMLInputElement | null) => void;
}

/** Which engine draws the pictures; offered only where the server has more than the schematic one. */
export function EngineChoice({ engines, value, onChange, errors, inputRef }: EngineChoiceProps) {
  return (
    <ChoiceGroup
      name="engine"
      legend="Image engine"
      hint="A cloud engine shows each step's schematic preview at once and replaces it with the picture when that arrives."
      choices={engines.map((engine) => ({ value: engine, label: ENGINE_DESCRIPTIONS[engine] }))}
      value={value}
      onChange={onChange}
      errors={errors}
      inputRef={inputRef}
    />
  );
}
