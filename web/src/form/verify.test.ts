import { describe, expect, it } from 'vitest';
import { verifyOption } from '../hooks/useServerChoices';
import { formFieldFor } from './fieldErrors';
import { buildGuideRequest, emptyGuideForm, formValuesFromGuide, verifyChecked, verifyField } from './guideForm';

describe('verifyOption', () => {
  it('offers the photo check only where the capabilities say it is available', () => {
    expect(verifyOption(null)).toBeNull();
    expect(verifyOption({ engines: ['schematic', 'gemini'] })).toBeNull();
    expect(verifyOption({ verify: { available: false, default: true } })).toBeNull();
    expect(verifyOption({ verify: {} })).toBeNull();
    expect(verifyOption({ verify: { available: true, default: false } })).toEqual({ default: false });
    expect(verifyOption({ verify: { available: true, default: true } })).toEqual({ default: true });
    expect(verifyOption({ verify: { available: true } })).toEqual({ default: false });
  });
});

describe('the request’s verify', () => {
  const typed = { ...emptyGuideForm, title: 'Terrarium', steps: 'Fill the jar', engine: 'gemini' as const };
  const offByDefault = { default: false };
  const onByDefault = { default: true };
  const verifyOf = (values: typeof typed, option: { default: boolean } | null) => {
    const built = buildGuideRequest(values, option);
    return built.ok ? built.request.verify : 'not built';
  };

  it('is true when the box is ticked', () => {
    expect(verifyOf({ ...typed, verify: true }, offByDefault)).toBe(true);
    expect(verifyOf({ ...typed, verify: true }, onByDefault)).toBe(true);
  });

  it('is false when the box is unticked and the server checks by default', () => {
    expect(verifyOf({ ...typed, verify: false }, onByDefault)).toBe(false);
  });

  it('is left out when the box is unticked and the server does not check by default', () => {
    const built = buildGuideRequest({ ...typed, verify: false }, offByDefault);
    expect(built.ok && built.request).not.toHaveProperty('verify');
    expect(built.ok && built.request).toEqual({ title: 'Terrarium', steps: [{ title: 'Fill the jar' }], style: 'diagram', engine: 'gemini', strategy: 'guided' });
  });

  it('follows the server’s default while the box is untouched', () => {
    expect(verifyChecked(typed, offByDefault)).toBe(false);
    expect(verifyChecked(typed, onByDefault)).toBe(true);
    expect(verifyChecked(typed, null)).toBe(false);
    expect(verifyOf(typed, offByDefault)).toBeUndefined();
    expect(verifyOf(typed, onByDefault)).toBe(true);
  });

  it('is left out for the schematic engine, and where the server has no check', () => {
    expect(verifyField({ ...typed, engine: 'schematic', verify: true }, onByDefault)).toBeUndefined();
    expect(verifyField({ ...typed, engine: 'schematic', verify: false }, onByDefault)).toBeUndefined();
    expect(verifyField({ ...typed, verify: true }, null)).toBeUndefined();
    const built = buildGuideRequest({ ...typed, verify: true });
    expect(built.ok && built.request).not.toHaveProperty('verify');
  });

  it('is kept when a guide is loaded, unless the guide says', () => {
    expect(formValuesFromGuide({ title: 'x', steps: [{ title: 'Cut' }] }, { ...emptyGuideForm, verify: true }).verify).toBe(true);
    expect(formValuesFromGuide({ title: 'x', steps: [{ title: 'Cut' }], verify: false }, { ...emptyGuideForm, verify: true }).verify).toBe(false);
  });

  it('has its errors shown at its box', () => {
    expect(formFieldFor('verify')).toBe('verify');
  });
});
