import type { ProviderUsage } from '../../api/types';

/** "$0.039" under ten cents (two significant digits), "$0.35" from there up. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.1) return `$${Number(usd.toPrecision(2))}`;
  return `$${usd.toFixed(2)}`;
}

/** "4.0 s" under ten seconds, "36 s" above. */
export function formatProviderTime(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** "1,290". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** ["9 photos", "36 s provider time", "est. $0.35"]: what a guide's photos cost so far. */
export function guideUsageParts(usage: ProviderUsage): string[] {
  const images = usage.images ?? 0;
  return [
    `${images} ${images === 1 ? 'photo' : 'photos'}`,
    `${formatProviderTime(usage.latency_ms)} provider time`,
    `est. ${formatCost(usage.cost_usd)}`,
  ];
}
