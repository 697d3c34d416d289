import { describe, expect, it } from 'vitest';
import { bundledExamples } from '../examples';
import { describeFieldPath, formErrorsFromApi, formFieldFor, keepErrorsOnShownFields, moveFieldErrors } from './fieldErrors';
import { buildGuideRequest, emptyGuideForm, formValuesFromGuide, readStepsInput } from './guideForm';
import { guideFromJsonText } from './guideJson';
import { plannerOptions } from '../hooks/useServerChoices';
import { stepsFromLines } from './stepLines';

describe('stepsFromLines', () => {
  it('reads "Title: description" lines and bare titles, skipping blank lines', () => {
    expect(stepsFromLines('Cut the board: Saw it into six pieces.\n\n  Sand the edges  \nPaint: Two coats: let each dry.')).toEqual([
      { title: 'Cut the board', description: 'Saw it into six pieces.' },
      { title: 'Sand the edges' },
      { title: 'Paint', description: 'Two coats: let each dry.' },
    ]);
  });

  it('drops list markers and handles Windows line ends', () => {
    expect(stepsFromLines('1. Measure\r\n2) Cut: carefully\r\n- Glue\r\n* Clamp:')).toEqual([
      { title: 'Measure' },
      { title: 'Cut', description: 'carefully' },
      { title: 'Glue' },
      { title: 'Clamp' },
    ]);
  });
});

describe('guideFromJsonText', () => {
  it("reads stepcast's shape", () => {
    const result = guideFromJsonText(
      JSON.stringify({
        title: 'Lamp',
        description: 'A jar lamp',
        materials: ['jar', ' ', 'bulb kit'],
        steps: [{ title: 'Drill the lid', tools: 'drill', safety_notes: ['Clamp the lid.'], tips: [] }],
        style: 'blueprint',
      }),
    );
    expect(result).toEqual({
      ok: true,
      guide: {
        title: 'Lamp',
        description: 'A jar lamp',
        materials: ['jar', 'bulb kit'],
        steps: [{ title: 'Drill the lid', tools: ['drill'], safety_notes: ['Clamp the lid.'] }],
        style: 'blueprint',
      },
    });
  });

  it("reads the seed's shape: overview, numbered steps in order, ingredients as objects", () => {
    const result = guideFromJsonText(
      JSON.stringify({
        project_overview: { title: 'Planter', description: 'A bottle planter', difficulty: 'easy' },
        ingredients: [{ name: 'soda bottle', quantity: 1 }, { name: 'twine', notes: '1.5 m' }],
        construction_steps: [
          { step_number: 2, title: 'Cut', description: 'Cut a window.', safety_notes: [], tips: ['Round the corners.'] },
          { step_number: 1, title: 'Clean', description: 'Wash it.', safety_notes: ['Hot water.'], tips: [] },
        ],
      }),
    );
    expect(result).toEqual({
      ok: true,
      guide: {
        title: 'Planter',
        description: 'A bottle planter',
        materials: ['soda bottle', 'twine'],
        steps: [
          { title: 'Clean', description: 'Wash it.', safety_notes: ['Hot water.'] },
          { title: 'Cut', description: 'Cut a window.', tips: ['Round the corners.'] },
        ],
      },
    });
  });

  it('explains JSON it cannot use', () => {
    expect(guideFromJsonText('{"title": "x",')).toEqual({ ok: false, message: expect.stringContaining('could not be read') });
    expect(guideFromJsonText('{"title": "x"}')).toEqual({ ok: false, message: expect.stringContaining('"steps"') });
    expect(guideFromJsonText('{"construction_steps": 3}')).toEqual({ ok: false, message: expect.stringContaining('construction_steps') });
  });
});

describe('buildGuideRequest', () => {
  it('adds engine, strategy and concept image for a cloud engine only', () => {
    const typed = { ...emptyGuideForm, title: 'Lamp', steps: 'Wire it', strategy: 'anchored' as const, conceptImage: { name: 'lamp.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' } };
    const schematic = buildGuideRequest(typed);
    expect(schematic.ok && schematic.request).toEqual({ title: 'Lamp', steps: [{ title: 'Wire it' }], style: 'diagram' });
    const gemini = buildGuideRequest({ ...typed, engine: 'gemini' });
    expect(gemini.ok && gemini.request).toEqual({
      title: 'Lamp',
      steps: [{ title: 'Wire it' }],
      style: 'diagram',
      engine: 'gemini',
      strategy: 'anchored',
      concept_image: 'data:image/png;base64,iVBORw0KGgo=',
    });
  });

  it('builds a request from typed fields', () => {
    const built = buildGuideRequest({
      ...emptyGuideForm,
      title: ' Birdhouse ',
      description: '',
      materials: 'pine board\n\nnails\n',
      steps: 'Cut: six pieces\nAssemble',
      style: 'sketch',
    });
    expect(built).toEqual({
      ok: true,
      request: {
        title: 'Birdhouse',
        materials: ['pine board', 'nails'],
        steps: [{ title: 'Cut', description: 'six pieces' }, { title: 'Assemble' }],
        style: 'sketch',
      },
      takenFromJson: [],
    });
  });

  it('fills empty fields from a pasted JSON guide; typed fields win', () => {
    const steps = JSON.stringify({ project_overview: { title: 'From JSON', description: 'JSON text' }, construction_steps: [{ title: 'One' }] });
    const built = buildGuideRequest({ ...emptyGuideForm, title: 'Typed title', steps });
    expect(built).toEqual({
      ok: true,
      request: { title: 'Typed title', description: 'JSON text', steps: [{ title: 'One' }], style: 'diagram' },
      takenFromJson: ['description'],
    });
  });

  it('asks for a title and at least one step', () => {
    expect(buildGuideRequest(emptyGuideForm)).toEqual({
      ok: false,
      errors: { fields: { title: ['Give the project a title.'], steps: ['Add at least one step.'] }, form: [] },
    });
  });

  it('reports unreadable JSON against the steps field', () => {
    const built = buildGuideRequest({ ...emptyGuideForm, title: 'x', steps: '{ nope' });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors.fields.steps?.[0]).toMatch(/could not be read/);
  });

  it('round-trips a whole guide through the form', () => {
    for (const { guide } of bundledExamples) {
      const built = buildGuideRequest(formValuesFromGuide(guide, emptyGuideForm));
      expect(built).toEqual({ ok: true, request: { ...guide, style: 'diagram' }, takenFromJson: [] });
    }
  });
});

describe('readStepsInput', () => {
  it('detects JSON by a leading "{"', () => {
    expect(readStepsInput('  {"steps": [{"title": "a"}]}').kind).toBe('json');
    expect(readStepsInput('Step {one}').kind).toBe('lines');
  });
});

describe('API errors on the form', () => {
  it('maps field paths to form fields', () => {
    expect(formFieldFor('title')).toBe('title');
    expect(formFieldFor('steps[3].title')).toBe('steps');
    expect(formFieldFor('construction_steps[0].step_number')).toBe('steps');
    expect(formFieldFor('materials[2]')).toBe('materials');
    expect(formFieldFor('ingredients[1].name')).toBe('materials');
    expect(formFieldFor('project_overview.title')).toBe('title');
    expect(formFieldFor('style')).toBe('style');
    expect(formFieldFor('width')).toBeNull();
    expect(formFieldFor('engine')).toBe('engine');
    expect(formFieldFor('format')).toBe('engine');
    expect(formFieldFor('strategy')).toBe('strategy');
    expect(formFieldFor('concept_image')).toBe('concept_image');
  });

  it('says errors of controls the form does not show at form level', () => {
    const errors = { fields: { title: ['Title: empty'], engine: ['Engine: gemini is not configured'], concept_image: ['Concept image: too big'] }, form: ['Width: too small'] };
    expect(keepErrorsOnShownFields(errors, ['title', 'concept_image'])).toEqual({
      fields: { title: ['Title: empty'], concept_image: ['Concept image: too big'] },
      form: ['Width: too small', 'Engine: gemini is not configured'],
    });
  });

  it('names fields in words', () => {
    expect(describeFieldPath('steps[2].title')).toBe('Step 3, title');
    expect(describeFieldPath('materials[0]')).toBe('Material 1');
    expect(describeFieldPath('safety_notes')).toBe('Safety notes');
  });

  it('spreads every listed problem over the form, the rest at form level', () => {
    expect(
      formErrorsFromApi({
        error: {
          code: 'invalid_field',
          message: 'title: must not be empty',
          field: 'title',
          fields: [
            { field: 'title', message: 'must not be empty' },
            { field: 'steps[1].title', message: 'must be at most 200 characters' },
            { field: 'width', message: 'must be at least 256' },
          ],
        },
      }),
    ).toEqual({
      fields: { title: ['Title: must not be empty'], steps: ['Step 2, title: must be at most 200 characters'] },
      form: ['Width: must be at least 256'],
    });
  });

  it('moves errors of values that came from pasted JSON onto the steps field', () => {
    const errors = { fields: { materials: ['Material 1: too long'], steps: ['Step 2, title: empty'], title: ['Title: empty'] }, form: [] };
    expect(moveFieldErrors(errors, ['materials'], 'steps')).toEqual({
      fields: { steps: ['Step 2, title: empty', 'Material 1: too long'], title: ['Title: empty'] },
      form: [],
    });
  });

  it('uses the single field when no list is given, and the message alone otherwise', () => {
    expect(formErrorsFromApi({ error: { code: 'invalid_field', message: 'style: unknown style "oil"', field: 'style' } })).toEqual({
      fields: { style: ['Style: unknown style "oil"'] },
      form: [],
    });
    expect(formErrorsFromApi({ error: { code: 'syntax', message: 'line 1, column 2: expected value' } })).toEqual({
      fields: {},
      form: ['line 1, column 2: expected value'],
    });
  });
});

describe('the planner', () => {
  it('is sent when chosen, not for Automatic, and kept when a guide is loaded', () => {
    const typed = { ...emptyGuideForm, title: 'Shelf', steps: 'Cut' };
    const auto = buildGuideRequest(typed);
    expect(auto.ok && auto.request).not.toHaveProperty('planner');
    const offline = buildGuideRequest({ ...typed, planner: 'offline' });
    expect(offline.ok && offline.request.planner).toBe('offline');
    expect(formValuesFromGuide({ title: 'x', steps: [{ title: 'Cut' }] }, { ...emptyGuideForm, planner: 'gemini' }).planner).toBe('gemini');
    expect(formValuesFromGuide({ title: 'x', steps: [{ title: 'Cut' }], planner: 'offline' }, emptyGuideForm).planner).toBe('offline');
    expect(formFieldFor('planner')).toBe('planner');
  });

  it('is offered as the capabilities say: all, those not listed disabled; without them, Automatic and Offline', () => {
    expect(plannerOptions(null)).toEqual([
      { planner: 'auto', available: true, model: null },
      { planner: 'offline', available: true, model: null },
    ]);
    expect(plannerOptions({ engines: ['schematic'] })).toHaveLength(2);
    expect(plannerOptions({ planners: { available: ['offline', 'openai', 'anthropic'], models: ['openai:gpt-5.2-mini', 'gemini:gemini-3.8-flash'] } })).toEqual([
      // Automatic is the server's default: never disabled.
      { planner: 'auto', available: true, model: null },
      { planner: 'offline', available: true, model: null },
      { planner: 'gemini', available: false, model: 'gemini-3.8-flash' },
      { planner: 'openai', available: true, model: 'gpt-5.2-mini' },
    ]);
    expect(plannerOptions({ planners: {} }).map((option) => option.available)).toEqual([true, false, false, false]);
  });
});
