import type { ImageStyle } from '../../api/types';
import { ChoiceGroup } from './ChoiceGroup';

const STYLE_DESCRIPTIONS: Record<ImageStyle, string> = {
  diagram: 'Diagram: colour, with each step\'s new parts outlined',
  sketch: 'Sketch: a hand-drawn look',
  blueprint: 'Blueprint: white lines on blue',
  photo: 'Photo: a realistic picture (cloud engines)',
};

export interface StyleChoiceProps {
  value: ImageStyle;
  onChange: (style: ImageStyle) => void;
  styles: ImageStyle[];
  errors?: string[];
}

/** The illustration style, as a group of radio buttons. */
export function StyleChoice({ value, onChange, styles, errors }: StyleChoiceProps) {
  return (
    <ChoiceGroup
      name="style"
      legend="Illustration style"
      className="style-choice"
      choices={styles.map((style) => ({ value: style, label: STYLE_DESCRIPTIONS[style] }))}
      value={value}
      onChange={onChange}
      errors={errors}
    />
  );
}
