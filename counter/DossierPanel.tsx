import type { StaffDossier } from '../shared/dossiers';
import { TIMELINESS_LABELS } from '../shared/dossiers';
import { slipTime } from './useDossiers';
import './dossier.css';

interface Props {
  dossiers: StaffDossier[];
  failed: boolean;
}

/**
 * The dossiers of the ticket being served, on the desk: code, procedure, status and due time,
 * with the printable A4/A5 slip. Keys: H opens "Hồ sơ", I reprints the slip, G hands the result over.
 */
export function DossierPanel({ dossiers, failed }: Props) {
  if (failed) {
    return (
      <p class="dossier-failed" role="alert">
        Không tải được hồ sơ của số này. <span class="en">Could not load this ticket's dossiers.</span>
      </p>
    );
  }
  if (dossiers.length === 0) return null;
  return (
    <section class="dossiers" aria-label="Hồ sơ (Dossiers)" data-testid="dossiers">
      {dossiers.map((d) => (
        <article key={d.code} class={`dossier dossier-${d.status}`} data-testid="dossier" data-code={d.code} data-status={d.status}>
          <div class="dossier-head">
            <span class="dossier-code" data-testid="dossier-code">
              {d.code}
            </span>
            <span class={`dossier-status status-${d.status}`} data-testid="dossier-status">
              {d.statusLabel}
            </span>
          </div>
          <div class="dossier-proc">{d.procedureName}</div>
          <div class="dossier-meta">
            <span>
              Người nộp: <b>{d.applicantName}</b>
            </span>
            <span>
              Hẹn trả: <b>{slipTime(d.dueAt)}</b>
              {d.timeliness !== 'none' && <em class={`timeliness t-${d.timeliness}`}> · {TIMELINESS_LABELS[d.timeliness].vi}</em>}
            </span>
          </div>
          <div class="dossier-links">
            <a href={`/slip/?code=${encodeURIComponent(d.code)}`} target="_blank" rel="noopener" class="dossier-a4">
              In khổ A4/A5 <span class="en">A4/A5 page</span>
            </a>
            <span class="muted">
              <kbd>I</kbd> in lại phiếu · <kbd>G</kbd> trả kết quả
            </span>
          </div>
        </article>
      ))}
    </section>
  );
}
