import { useEffect, useState } from 'react';
import { fetchCapabilities } from '../api/client';
import { IMAGE_ENGINES, type ImageEngine, type ImageStyle, type ServerCapabilities } from '../api/types';

const LOCAL_STYLES: ImageStyle[] = ['diagram', 'sketch', 'blueprint'];

export interface ServerChoices {
  /** The illustration styles to offer. */
  styles: ImageStyle[];
  /** The engines to offer: always the schematic one, first. */
  engines: ImageEngine[];
}

/**
 * What the form offers, from the server's /capabilities where it has one.
 * Engines: the ones it lists (the schematic engine alone without it).
 * Styles: photo needs a cloud engine; it is offered when the caller says
 * so, or when the capabilities list it; otherwise the three local styles.
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
  return { styles: photo ? [...LOCAL_STYLES, 'photo'] : LOCAL_STYLES, engines };
}
