import { IMAGE_STRATEGIES, type ImageStrategy } from '../../api/types';
import { ChoiceGroup } from './ChoiceGroup';

const STRATEGY_DESCRIPTIONS: Record<ImageStrategy, string> = {
  guided:
    'Guided (recommended): each step follows its schematic for structure and an anchor image for style — made in parallel, and consistent',
  anchored: 'Anchored: every step is conditioned on one anchor image (your concept image, or a finished build made first)',
  chained: 'Chained: each step edits the previous step’s picture, one after another',
  independent: 'Independent: text only, each step on its own (the original design)',
};

export interface StrategyChoiceProps {
  value: ImageStrategy;
  onChange: (strategy: ImageStrategy) => void;
  errors?: string[];
  inputRef?: (element: HTMLInputElement | null) => void;
}

/** How a cloud engine keeps the steps' pictures consistent. */
export function StrategyChoice({ value, onChange, errors, inputRef }: StrategyChoiceProps) {
  return (
    <ChoiceGroup
      name="strategy"
      legend="Consistency strategy"
      choices={IMAGE_STRATEGIES.map((strategy) => ({ value: strategy, label: STRATEGY_DESCRIPTIONS[strategy] }))}
      value={value}
      onChange={onChange}
      errors={errors}
      inputRef={inputRef}
    />
  );
}
