import { exportZipUrl, resolveServerUrl } from '../../api/client';
import type { GuideProgress } from '../../api/types';

export interface GuideDownloadsProps {
  apiUrl: string;
  guideId: string;
  progress: GuideProgress;
}

/**
 * The ZIP (images, printable guide.html, plan.json); a printable guide and
 * a time-lapse only where the server gives their URLs.
 */
export function GuideDownloads({ apiUrl, guideId, progress }: GuideDownloadsProps) {
  if (progress.completed_steps === 0) return null;
  const running = progress.status === 'generating' || progress.status === 'not_started';
  const timelapse = progress.timelapse_url ? resolveServerUrl(apiUrl, progress.timelapse_url) : null;
  return (
    <section className="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Downloads</h2>
      <ul className="downloads__list">
        <li>
          <a className="button button--secondary" href={exportZipUrl(apiUrl, guideId)} download>
            Download ZIP
          </a>{' '}
          <span className="downloads__note">
            Images, a printable guide.html and plan.json{running ? ' (the images made so far)' : ''}.
          </span>
        </li>
        {progress.guide_url && (
          <li>
            <a className="button button--secondary" href={resolveServerUrl(apiUrl, progress.guide_url)} target="_blank" rel="noreferrer">
              Printable guide
            </a>
          </li>
        )}
        {timelapse && (
          <li>
            <a className="button button--secondary" href={timelapse} download>
              Download time-lapse
            </a>
          </li>
        )}
      </ul>
      {timelapse && (
        <img className="downloads__timelapse" src={timelapse} alt="Time-lapse of every step, one after another" loading="lazy" />
      )}
    </section>
  );
}
