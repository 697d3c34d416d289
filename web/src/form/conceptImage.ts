import { MAX_CONCEPT_IMAGE_BYTES } from '../api/types';

/** The picture types the server takes as a concept image. */
export const CONCEPT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** A concept image chosen in the form, read as a data: URL. */
export interface ConceptImage {
  name: string;
  dataUrl: string;
}

export type ConceptImageResult = { ok: true; image: ConceptImage } | { ok: false; message: string };

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Why a file cannot be the concept image, or null when it can. */
export function conceptImageProblem(file: File): string | null {
  if (!CONCEPT_IMAGE_TYPES.some((type) => type === file.type)) {
    return `"${file.name}" is not a PNG, JPEG or WebP picture.`;
  }
  if (file.size > MAX_CONCEPT_IMAGE_BYTES) {
    return `"${file.name}" is ${mebibytes(file.size)}; the concept image can be at most 4 MiB. Choose a smaller picture.`;
  }
  return null;
}

/** Reads a chosen file as a `data:image/...;base64,...` URL, after checking its type and size. */
export function readConceptImage(file: File): Promise<ConceptImageResult> {
  const problem = conceptImageProblem(file);
  if (problem) return Promise.resolve({ ok: false, message: problem });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = typeof reader.result === 'string' ? reader.result : '';
      resolve(
        dataUrl.startsWith(`data:${file.type};base64,`)
          ? { ok: true, image: { name: file.name, dataUrl } }
          : { ok: false, message: `"${file.name}" could not be read as a picture.` },
      );
    };
    reader.onerror = () => resolve({ ok: false, message: `"${file.name}" could not be read.` });
    reader.readAsDataURL(file);
  });
}
