import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** The picture forming: a streaming engine's latest partial image. */
export interface PartialLayer {
  url: string;
  alt: string;
  /** Shown over it while it is what is seen (a badge). */
  overlay?: ReactNode;
}

export interface PreviewThenPhotoProps {
  /** The finished picture, once there is one. */
  photo: string | null;
  /** The schematic preview that stands in for it. */
  preview: string | null;
  /** The photo's alt text. */
  alt: string;
  /** The preview's alt text. */
  previewAlt: string;
  /** The picture forming, over the preview until the photo replaces it. */
  partial?: PartialLayer | null;
  width?: number;
  height?: number;
  loading?: 'lazy' | 'eager';
  /** Shown over the picture while the preview is what is seen (a badge). */
  previewOverlay?: ReactNode;
}

type LayerKind = 'photo' | 'partial' | 'preview';

/** One image the frame may show, with what is said and shown over it. */
interface Layer {
  kind: LayerKind;
  src: string;
  alt: string;
  overlay?: ReactNode;
}

/** How finished each kind of picture is: the lower, the more. */
const RANK: Record<LayerKind, number> = { photo: 0, partial: 1, preview: 2 };

/** The pictures there are, the most finished first. */
function layersOf({ photo, partial, preview, alt, previewAlt, previewOverlay }: PreviewThenPhotoProps): Layer[] {
  const layers: Layer[] = [];
  if (photo) layers.push({ kind: 'photo', src: photo, alt });
  if (partial) layers.push({ kind: 'partial', src: partial.url, alt: partial.alt, overlay: partial.overlay });
  if (preview) layers.push({ kind: 'preview', src: preview, alt: previewAlt, overlay: previewOverlay });
  return layers;
}

/**
 * What the frame shows: the most finished picture once it can be drawn (a
 * preview at once); until then what it showed before, even a partial image
 * the step no longer names, unless that is more finished than the picture
 * loading (a photo being redrawn) or a picture there is beats it; else the
 * most finished picture that can be drawn.
 */
function chooseShown(layers: [Layer, ...Layer[]], loaded: ReadonlySet<string>, held: Layer | null): Layer {
  const [target] = layers;
  const ready = (layer: Layer) => layer.kind === 'preview' || loaded.has(layer.src);
  if (ready(target)) return target;
  const best = layers.find(ready);
  if (held && RANK[held.kind] >= RANK[target.kind] && (!best || RANK[held.kind] < RANK[best.kind])) {
    return layers.find((layer) => layer.src === held.src) ?? held;
  }
  return best ?? target;
}

function hasLayers(layers: Layer[]): layers is [Layer, ...Layer[]] {
  return layers.length > 0;
}

/**
 * The photo; or the picture forming (a partial image) or the preview until
 * the photo has loaded. Each newer picture loads unseen on top of what is
 * shown and replaces it only once it can be drawn, so the frame is never
 * empty in between. The images keep their elements (keyed by source), so
 * the swap reloads nothing.
 */
export function PreviewThenPhoto(props: PreviewThenPhotoProps) {
  const { width, height, loading } = props;
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(() => new Set());
  const markLoaded = useCallback((source: string) => {
    setLoaded((previous) => (previous.has(source) ? previous : new Set(previous).add(source)));
  }, []);
  const [held, setHeld] = useState<Layer | null>(null);
  const layers = layersOf(props);
  const shown = hasLayers(layers) ? chooseShown(layers, loaded, held) : null;
  // What is shown now is what stays while the next picture loads.
  if (shown && (shown.src !== held?.src || shown.kind !== held.kind)) setHeld(shown);
  const next = shown && layers[0] && layers[0].src !== shown.src ? layers[0] : null;
  const nextSource = next?.src ?? null;

  const nextElement = useRef<HTMLImageElement | null>(null);
  // A picture already in the browser's memory cache is complete as soon as its
  // source is set: shown before the next paint, with no glimpse of the one before.
  useLayoutEffect(() => {
    const element = nextElement.current;
    if (nextSource && element?.complete && element.naturalWidth > 0) markLoaded(nextSource);
  }, [nextSource, markLoaded]);

  if (!shown) return null;
  const common = { width, height, loading, decoding: 'async' as const };
  return (
    <div className={`picture-stack picture-stack--${shown.kind}`}>
      <img
        key={shown.src}
        className={`picture-stack__${shown.kind}`}
        src={shown.src}
        alt={shown.alt}
        onLoad={() => markLoaded(shown.src)}
        {...common}
      />
      {next && (
        <img
          key={next.src}
          ref={nextElement}
          className={`picture-stack__${next.kind} picture-stack__${next.kind}--loading`}
          src={next.src}
          // Unseen while it loads: what is shown speaks for the step until then.
          alt=""
          aria-hidden
          onLoad={() => markLoaded(next.src)}
          // A photo that cannot load still replaces the rest, so its alt text shows;
          // a partial image that cannot load leaves what is shown.
          onError={next.kind === 'photo' ? () => markLoaded(next.src) : undefined}
          {...common}
        />
      )}
      {shown.overlay}
    </div>
  );
}
