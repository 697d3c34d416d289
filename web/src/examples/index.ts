import type { GuideRequest } from '../api/types';
import { guideFromJsonValue, requestFromJsonGuide } from '../form/guideJson';
import bottlePlanter from './bottle-planter.json';
import cardboardDeskOrganizer from './cardboard-desk-organizer.json';
import masonJarLamp from './mason-jar-lamp.json';
import tinCanLantern from './tin-can-lantern.json';

export interface BundledExample {
  /** A stable key for the select. */
  key: string;
  guide: GuideRequest;
}

function example(key: string, json: unknown): BundledExample {
  const parsed = guideFromJsonValue(json);
  if (!parsed.ok) throw new Error(`example ${key}: ${parsed.message}`);
  return { key, guide: requestFromJsonGuide(parsed.guide) };
}

/** Example guides copied from the repository's examples/ (one in the seed's shape). */
export const bundledExamples: BundledExample[] = [
  example('bottle-planter', bottlePlanter),
  example('cardboard-desk-organizer', cardboardDeskOrganizer),
  example('mason-jar-lamp', masonJarLamp),
  example('tin-can-lantern', tinCanLantern),
];
