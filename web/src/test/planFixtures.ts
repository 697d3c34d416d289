import type { GuideRequest } from '../api/types';
import { readPlan, type GuidePlan, type Plan } from '../plan/model';

/** A bottle planter as the offline reader might read it: the wooden strip taken for a generic block, not attached to anything. */
export const planterPlan: Plan = readPlan({
  title: 'Bottle planter',
  parts: [
    { id: 'bottle', name: 'plastic bottle', kind: 'bottle', size: [10, 30, 10], color: '#cfe6df', material: 'plastic', placement: { relation: 'on' } },
    { id: 'strip', name: 'wooden strip', kind: 'generic', size: [3, 40, 1], color: '#b5895a', material: 'wood', placement: { relation: 'on' } },
    { id: 'soil', name: 'potting soil', kind: 'fill', size: [9, 10, 9], color: '#5b3a29', material: 'soil', placement: { relation: 'in', target: 'bottle' } },
  ],
  steps: [
    { number: 1, title: 'Cut the bottle', ops: [{ op: 'cut', part: 'bottle', keep: 'bottom', fraction: 0.5 }], tools: ['knife'] },
    { number: 2, title: 'Glue the strip', ops: [{ op: 'attach', part: 'strip', to: 'bottle', method: 'glue' }] },
    { number: 3, title: 'Paint', ops: [{ op: 'paint', part: 'bottle', color: '#2e86c1' }], tools: ['brush'] },
    { number: 4, title: 'Add soil', ops: [{ op: 'fill', part: 'soil', container: 'bottle', level: 0.5 }] },
  ],
  framing: { min: [-20, 0, -20], max: [20, 40, 20] },
});

export const planterGuide: GuideRequest = {
  title: 'Bottle planter',
  steps: [
    { title: 'Cut the bottle', description: 'Cut the plastic bottle in half and keep the bottom.' },
    { title: 'Glue the strip', description: 'Glue the wooden strip to the bottle.' },
    { title: 'Paint', description: 'Paint the bottle blue.' },
    { title: 'Add soil', description: 'Fill the bottle halfway with potting soil.' },
  ],
  style: 'diagram',
  width: 1024,
  height: 768,
};

export function guidePlanOf(plan: Plan = planterPlan, version = 1, source = 'offline'): GuidePlan {
  return { guide_id: 'g1', version, source, repairs: 0, created_at: 1_700_000_000, confidence: source === 'offline' ? 0.72 : null, plan };
}
