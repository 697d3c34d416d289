import { useEffect, useState } from 'react';
import { fetchCapabilities } from '../api/client';
import { IMAGE_ENGINES, PLANNERS, type ImageEngine, type ImageStyle, type Planner, type ServerCapabilities } from '../api/types';

const LOCAL_STYLES: ImageStyle[] = ['diagram', 'sketch', 'blueprint'];

export interface ServerChoices {
  /** The illustration styles to offer. */
  styles: ImageStyle[];
  /** The engines to offer: always the schematic one, first. */
  engines: ImageEngine[];
  /** Who may write the plan: each offered planner, and whether the server can use it. */
  planners: PlannerOption[];
  /** The photo check, where the server can do it; null where it cannot (or does not say). */
  verify: VerifyOption | null;
}

/** The photo check a server offers (`verify` in its capabilities). */
export interface VerifyOption {
  /** What a request without `verify` gets. */
  default: boolean;
}

/** A planner the form offers. */
export interface PlannerOption {
  planner: Planner;
  /** false: the server is not set up for it (the option is shown, disabled). */
  available: boolean;
  /** The language model behind it, where the server names one ("gemini-3.8-flash"). */
  model: string | null;
}

/** What an older server (no `planners` in its capabilities) does: the offline reader. */
const PLANNERS_WITHOUT_CAPABILITIES: PlannerOption[] = [
  { planner: 'auto', available: true, model: null },
  { planner: 'offline', available: true, model: null },
];

/**
 * The planners to offer, from the capabilities' `planners`: every one,
 * those the server does not list disabled; Automatic (the server's
 * default) always available. Without `planners`, Automatic and the
 * offline reader alone.
 */
export function plannerOptions(capabilities: ServerCapabilities | null): PlannerOption[] {
  const planners = capabilities?.planners;
  if (!planners) return PLANNERS_WITHOUT_CAPABILITIES;
  const available = planners.available ?? [];
  const models = planners.models ?? [];
  return PLANNERS.map((planner) => {
    const named = models.find((model) => model.startsWith(`${planner}:`));
    return {
      planner,
      available: planner === 'auto' || available.includes(planner),
      model: named ? named.slice(planner.length + 1) || null : null,
    };
  });
}

/**
 * The photo check to offer, from the capabilities' `verify`: only where it
 * says `available: true`; its default false unless it says true. Null
 * without capabilities, without `verify`, or where it is not available.
 */
export function verifyOption(capabilities: ServerCapabilities | null): VerifyOption | null {
  const verify = capabilities?.verify;
  if (typeof verify !== 'object' || verify === null || verify.available !== true) return null;
  return { default: verify.default === true };
}

/**
 * What the form offers, from the server's /capabilities where it has one.
 * Engines: the ones it lists (the schematic engine alone without it).
 * Styles: photo needs a cloud engine; it is offered when the caller says
 * so, or when the capabilities list it; otherwise the three local styles.
 * Planners: see plannerOptions. The photo check: see verifyOption.
 */
export function useServerChoices(apiUrl: string, photoAvailable?: boolean): ServerChoices {
  const [capabilities, setCapabilities] = useState<ServerCapabilities | null>(null);

  useEffect(() => {
    let current = true;
    fetchCapabilities(apiUrl)
      .then((found) => {
        if (current) setCapabilities(found);
      })
      .catch(() => {
        // No capabilities endpoint: the schematic engine and the local styles.
      });
    return () => {
      current = false;
    };
  }, [apiUrl]);

  const photo = photoAvailable ?? capabilities?.styles?.includes('photo') ?? false;
  const listed = capabilities?.engines ?? [];
  const engines = IMAGE_ENGINES.filter((engine) => engine === 'schematic' || listed.includes(engine));
  return {
    styles: photo ? [...LOCAL_STYLES, 'photo'] : LOCAL_STYLES,
    engines,
    planners: plannerOptions(capabilities),
    verify: verifyOption(capabilities),
  };
}
