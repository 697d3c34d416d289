import { colorName } from '../../plan/colorNames';
import type { StepScene } from '../../plan/stepParts';

/** The parts a step's picture shows, those that come into view in it marked new, and those it takes away. */
export function PartsInView({ scene }: { scene: StepScene }) {
  if (scene.materialsOnly) return null;
  return (
    <div className="parts-in-view">
      <p className="parts-in-view__label">In view after this step:</p>
      {scene.inView.length > 0 ? (
        <ul className="parts-in-view__list">
          {scene.inView.map(({ part, isNew, changed }) => (
            <li key={part.id} className={`part-chip${isNew ? ' part-chip--new' : ''}`}>
              <span className="part-chip__swatch" style={{ background: part.color }} title={colorName(part.color)} aria-hidden="true" />
              {part.count > 1 && <span className="part-chip__count">{part.count} × </span>}
              {part.name || part.id}
              {isNew && (
                <span className="part-chip__tag">
                  <span className="visually-hidden">, </span>new
                </span>
              )}
              {changed && (
                <span className="part-chip__tag part-chip__tag--changed">
                  <span className="visually-hidden">, </span>changed
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="parts-in-view__none">nothing yet</p>
      )}
      {scene.removed.length > 0 && (
        <p className="parts-in-view__removed">Taken away: {scene.removed.map((part) => part.name || part.id).join(', ')}</p>
      )}
    </div>
  );
}
