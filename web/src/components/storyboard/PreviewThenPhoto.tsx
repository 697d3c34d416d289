import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface PreviewThenPhotoProps {
  /** The finished picture, once there is one. */
  photo: string | null;
  /** The schematic preview that stands in for it. */
  preview: string | null;
  /** The photo's alt text. */
  alt: string;
  /** The preview's alt text. */
  previewAlt: string;
  width?: number;
  height?: number;
  loading?: 'lazy' | 'eager';
  /** Shown over the picture while the preview is what is seen (a badge). */
  previewOverlay?: ReactNode;
}

/**
 * The photo, or the preview until the photo has loaded: the photo loads
 * unseen on top of the preview and replaces it only once it can be drawn,
 * so the frame is never empty in between. Both images keep their elements
 * (keyed), so the swap reloads nothing.
 */
export function PreviewThenPhoto({
  photo,
  preview,
  alt,
  previewAlt,
  width,
  height,
  loading,
  previewOverlay,
}: PreviewThenPhotoProps) {
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set());
  const markLoaded = useCallback((source: string) => {
    setLoaded((previous) => (previous.has(source) ? previous : new Set(previous).add(source)));
  }, []);
  const photoElement = useRef<HTMLImageElement | null>(null);
  // A photo already in the browser's memory cache is complete as soon as its
  // source is set: shown before the next paint, with no glimpse of the preview.
  useLayoutEffect(() => {
    const element = photoElement.current;
    if (photo && element?.complete && element.naturalWidth > 0) markLoaded(photo);
  }, [photo, markLoaded]);

  const showPreview = preview !== null && (photo === null || !loaded.has(photo));
  const common = { width, height, loading, decoding: 'async' as const };
  return (
    <div className={showPreview ? 'picture-stack picture-stack--preview' : 'picture-stack'}>
      {showPreview && <img key="preview" className="picture-stack__preview" src={preview} alt={previewAlt} {...common} />}
      {photo && (
        <img
          key="photo"
          ref={photoElement}
          className={showPreview ? 'picture-stack__photo picture-stack__photo--loading' : 'picture-stack__photo'}
          src={photo}
          // Unseen while it loads: the preview speaks for the step until then.
          alt={showPreview ? '' : alt}
          aria-hidden={showPreview || undefined}
          onLoad={() => markLoaded(photo)}
          // A photo that cannot load still replaces the preview, so its alt text shows.
          onError={() => markLoaded(photo)}
          {...common}
        />
      )}
      {showPreview && previewOverlay}
    </div>
  );
}
