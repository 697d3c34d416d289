/** Plain colour words for `#rrggbb` colours ("#2e86c1" is "blue"). */

function channels(hex: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  return [parseInt(match[1]!, 16) / 255, parseInt(match[2]!, 16) / 255, parseInt(match[3]!, 16) / 255];
}

/** Hue (0..360), saturation and lightness (0..1). */
function hsl([r, g, b]: [number, number, number]): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const delta = max - min;
  if (delta === 0) return [0, 0, lightness];
  const saturation = delta / (1 - Math.abs(2 * lightness - 1));
  let hue: number;
  if (max === r) hue = ((g - b) / delta) % 6;
  else if (max === g) hue = (b - r) / delta + 2;
  else hue = (r - g) / delta + 4;
  return [(hue * 60 + 360) % 360, saturation, lightness];
}

const HUES: [number, string][] = [
  [15, 'red'],
  [45, 'orange'],
  [70, 'yellow'],
  [165, 'green'],
  [195, 'teal'],
  [255, 'blue'],
  [290, 'purple'],
  [335, 'pink'],
  [360, 'red'],
];

/**
 * The colour's everyday name: black, white, grey, brown, beige, red,
 * orange, yellow, green, teal, blue, purple or pink, with "light" or "dark"
 * where it is; '' for text that is not a colour.
 */
export function colorName(hex: string): string {
  const rgb = channels(hex);
  if (!rgb) return '';
  const [hue, saturation, lightness] = hsl(rgb);
  if (lightness < 0.12) return 'black';
  if (lightness > 0.93) return 'white';
  if (saturation < 0.12) return lightness < 0.35 ? 'dark grey' : lightness > 0.75 ? 'light grey' : 'grey';
  let name = HUES.find(([end]) => hue < end)?.[1] ?? 'red';
  if ((name === 'orange' || name === 'red' || name === 'yellow') && lightness < 0.45 && hue >= 10 && hue < 55) name = 'brown';
  else if (name === 'orange' && saturation < 0.6 && lightness > 0.7) name = 'beige';
  if (name === 'brown' || name === 'beige') return name;
  if (lightness < 0.3) return `dark ${name}`;
  if (lightness > 0.78) return `light ${name}`;
  return name;
}
