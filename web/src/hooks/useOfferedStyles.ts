import { useEffect, useState } from 'react';
import { fetchCapabilities } from '../api/client';
import type { ImageStyle } from '../api/types';

const LOCAL_STYLES: ImageStyle[] = ['diagram', 'sketch', 'blueprint'];

/**
 * The styles to offer. Photo needs a cloud engine: it is offered when the
 * caller says so, or when the server's /capabilities (where it has one)
 * lists it. Without either, the three local styles.
 */
export function useOfferedStyles(apiUrl: string, photoAvailable?: boolean): ImageStyle[] {
  const [serverOffersPhoto, setServerOffersPhoto] = useState(false);

  useEffect(() => {
    if (photoAvailable !== undefined) return undefined;
    let current = true;
    fetchCapabilities(apiUrl)
      .then((capabilities) => {
        if (current) setServerOffersPhoto(capabilities.styles?.includes('photo') ?? false);
      })
      .catch(() => {
        // No capabilities endpoint: keep the local styles.
      });
    return () => {
      current = false;
    };
  }, [apiUrl, photoAvailable]);

  const photo = photoAvailable ?? serverOffersPhoto;
  return photo ? [...LOCAL_STYLES, 'photo'] : LOCAL_STYLES;
}
