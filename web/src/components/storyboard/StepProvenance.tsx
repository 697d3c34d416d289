import { storedImageSource } from '../../api/client';
import type { StepCheck, StepImage, StepReference, StepUsage } from '../../api/types';
import { photoCheckText } from './photoCheck';
import { formatCost, formatCount, formatProviderTime } from './usageFormat';

const REFERENCE_LABELS: Record<string, string> = {
  schematic: 'Schematic of this step',
  anchor: 'Finished-build anchor',
  previous_step: 'Previous step',
  concept: 'Your concept image',
};

function referenceLabel(kind: string): string {
  return REFERENCE_LABELS[kind] ?? `Reference (${kind.replace(/_/g, ' ')})`;
}

export interface StepProvenanceProps {
  image: StepImage;
  apiUrl: string;
  /** The concept image this browser sent (the server keeps no URL for it). */
  conceptImage?: string | null;
  /** The photo check of the step's photo (read from `image.check`); null or absent where it was not checked. */
  check?: StepCheck | null;
}

function ReferenceItem({ reference, source }: { reference: StepReference; source: string | null }) {
  const label = referenceLabel(reference.kind);
  const content = (
    <>
      {source ? (
        <img className="provenance__thumb" src={source} alt="" loading="lazy" decoding="async" />
      ) : (
        <span className="provenance__thumb provenance__thumb--missing" aria-hidden="true" />
      )}
      <span className="provenance__reference-label">{label}</span>
    </>
  );
  return (
    <li className="provenance__reference">
      {/* Browsers refuse to open data: URLs (the concept image) in a tab: those are shown only. */}
      {source && !source.startsWith('data:') ? (
        <a href={source} target="_blank" rel="noreferrer" className="provenance__reference-link">
          {content}
        </a>
      ) : (
        <span className="provenance__reference-link">{content}</span>
      )}
    </li>
  );
}

function UsageList({ usage }: { usage: StepUsage }) {
  return (
    <dl className="provenance__usage">
      {usage.model && (
        <>
          <dt>Model</dt>
          <dd>{usage.model}</dd>
        </>
      )}
      <dt>Provider time</dt>
      <dd>{formatProviderTime(usage.latency_ms)}</dd>
      <dt>Tokens</dt>
      <dd>
        {formatCount(usage.input_tokens)} in · {formatCount(usage.output_tokens)} out · {formatCount(usage.total_tokens)} total
      </dd>
      <dt>Estimated cost</dt>
      <dd>{formatCost(usage.cost_usd)}</dd>
    </dl>
  );
}

function partsOrNone(parts: string[]): string {
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The photo check in detail: the outcome, the parts seen (and missing, or early), the redraws, the model and its cost. */
function CheckList({ check }: { check: StepCheck }) {
  return (
    <dl className="provenance__usage provenance__check">
      <dt>Result</dt>
      <dd>{photoCheckText(check)}</dd>
      <dt>Parts seen</dt>
      <dd>{partsOrNone(check.seen)}</dd>
      {check.missing.length > 0 && (
        <>
          <dt>Missing</dt>
          <dd>{check.missing.join(', ')}</dd>
        </>
      )}
      {check.unexpected.length > 0 && (
        <>
          <dt>Shown too early</dt>
          <dd>{check.unexpected.join(', ')}</dd>
        </>
      )}
      <dt>Redraws</dt>
      <dd>{check.redraws === 0 ? 'none' : check.redraws}</dd>
      {check.first_findings && (
        <>
          <dt>First photo’s findings</dt>
          <dd>{check.first_findings}</dd>
        </>
      )}
      {check.model && (
        <>
          <dt>Checked by</dt>
          <dd>{check.model}</dd>
        </>
      )}
      {typeof check.cost_usd === 'number' && (
        <>
          <dt>Check cost</dt>
          <dd>{formatCost(check.cost_usd)} (included in the estimated cost)</dd>
        </>
      )}
    </dl>
  );
}

/**
 * How a step's picture was made, collapsed until asked for: the prompt the
 * engine was given, the reference images sent with it, what the provider
 * charged, and the photo check. Nothing when the step has none of these
 * (the schematic engine).
 */
export function StepProvenance({ image, apiUrl, conceptImage, check = null }: StepProvenanceProps) {
  const references = image.references ?? [];
  if (!image.prompt_used && references.length === 0 && !image.usage && !check) return null;
  const sourceOf = (reference: StepReference) =>
    storedImageSource(apiUrl, reference.image_id, reference.image_url) ??
    (reference.kind === 'concept' ? (conceptImage ?? null) : null);
  return (
    <details className="provenance">
      <summary>How this picture was made</summary>
      <div className="provenance__body">
        {image.prompt_used && (
          <div className="provenance__part">
            <h4>Prompt</h4>
            <p className="provenance__prompt">{image.prompt_used}</p>
          </div>
        )}
        {references.length > 0 && (
          <div className="provenance__part">
            <h4>Reference images</h4>
            <ul className="provenance__references">
              {references.map((reference, index) => (
                <ReferenceItem key={`${reference.kind}-${index}`} reference={reference} source={sourceOf(reference)} />
              ))}
            </ul>
          </div>
        )}
        {image.usage && (
          <div className="provenance__part">
            <h4>Usage</h4>
            <UsageList usage={image.usage} />
          </div>
        )}
        {check && (
          <div className="provenance__part">
            <h4>Photo check</h4>
            <CheckList check={check} />
          </div>
        )}
      </div>
    </details>
  );
}
