import { useEffect, useState } from 'preact/hooks';
import { CHANNEL_LABELS, DOCUMENT_FORM_LABELS, processingTimeLabel, type Procedure } from '../shared/catalogue';
import { api, ApiError } from '../shared/web/api';
import './dossier.css';

type Loaded = { kind: 'loading' } | { kind: 'done'; procedure: Procedure } | { kind: 'failed'; message: string };

/** /p/<code>: a procedure read on a phone (the QR on the kiosk's procedure page). */
export function ProcedureView(props: { code: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api<Procedure>('GET', `/api/procedures/${encodeURIComponent(props.code)}`)
      .then((procedure) => live && setLoaded({ kind: 'done', procedure }))
      .catch((e: unknown) => {
        if (!live) return;
        setLoaded({
          kind: 'failed',
          message: e instanceof ApiError && e.status !== 0 ? e.message : 'Không kết nối được máy chủ. Vui lòng thử lại sau. (Cannot reach the server.)',
        });
      });
    return () => {
      live = false;
    };
  }, [props.code]);

  const p = loaded.kind === 'done' ? loaded.procedure : null;
  return (
    <main class="phone">
      <header class="office">
        Thủ tục hành chính <span class="office-en">Administrative procedure</span>
      </header>
      {loaded.kind === 'loading' && <div class="card muted">Đang tải…</div>}
      {loaded.kind === 'failed' && (
        <div class="card card-error" role="alert">
          {loaded.message}
        </div>
      )}
      {p && (
        <>
          <section class="card procedure">
            <h1 class="procedure-name" data-testid="procedure-name">
              {p.name}
            </h1>
            <p class="procedure-meta">
              Mã thủ tục {p.code}
              {p.fieldName ? ` · Lĩnh vực ${p.fieldName}` : ''}
            </p>
          </section>
          <section class="card">
            <h2 class="section-title">
              Thành phần hồ sơ <span class="en">Papers to hand in</span>
            </h2>
            {p.documents.length === 0 ? (
              <p>Chưa có danh sách giấy tờ. Xin hỏi cán bộ hướng dẫn.</p>
            ) : (
              <ol class="docs">
                {p.documents.map((d, i) => (
                  <li key={i}>
                    <span class="doc-name">{d.name}</span>
                    <span class="doc-form">
                      {DOCUMENT_FORM_LABELS[d.form].vi} · {d.copies} bản
                    </span>
                  </li>
                ))}
              </ol>
            )}
            <p class="sets">Số lượng: {p.sets} bộ</p>
          </section>
          {p.channels.length > 0 && (
            <section class="card">
              <h2 class="section-title">
                Thời hạn và lệ phí <span class="en">Time and fees</span>
              </h2>
              {p.channels.map((c) => (
                <div key={c.channel} class="channel" data-channel={c.channel}>
                  <b>{CHANNEL_LABELS[c.channel].vi}</b>
                  <span>{processingTimeLabel(c.time).vi}</span>
                  <span>{c.fee}</span>
                </div>
              ))}
            </section>
          )}
          {p.applicants && (
            <section class="card">
              <h2 class="section-title">
                Đối tượng thực hiện <span class="en">Who may apply</span>
              </h2>
              <p class="text">{p.applicants}</p>
            </section>
          )}
          {p.result && (
            <section class="card">
              <h2 class="section-title">
                Kết quả <span class="en">Result</span>
              </h2>
              <p class="text">{p.result}</p>
            </section>
          )}
          {p.legalBasis && (
            <section class="card">
              <h2 class="section-title">
                Căn cứ pháp lý <span class="en">Legal basis</span>
              </h2>
              <p class="text legal">{p.legalBasis}</p>
            </section>
          )}
        </>
      )}
    </main>
  );
}
