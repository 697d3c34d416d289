import { describe, expect, it, vi } from 'vitest';
import { birdhouseGuide } from '../test/fixtures';
import { recallSubmittedGuide, rememberSubmittedGuide } from './submittedGuides';

describe('rememberSubmittedGuide', () => {
  const withConcept = { ...birdhouseGuide, engine: 'gemini' as const, concept_image: 'data:image/png;base64,iVBORw0KGgo=' };

  it('keeps the concept image with the texts where it fits', () => {
    rememberSubmittedGuide('g1', withConcept);
    expect(recallSubmittedGuide('g1')).toEqual(withConcept);
  });

  it('keeps the texts without the concept image where the whole request does not fit', () => {
    const setItem = Storage.prototype.setItem;
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      if (value.includes('data:image')) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(this, key, value);
    });
    rememberSubmittedGuide('g1', withConcept);
    const { concept_image: _dropped, ...texts } = withConcept;
    expect(recallSubmittedGuide('g1')).toEqual(texts);
  });
});
