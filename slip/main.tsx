import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/web/base.css';
import './slip.css';
import type { ReceiptSlip } from '../drivers/printer/receipt';
import { api, ApiError } from '../shared/web/api';
import { Qr } from '../kiosk/Qr';

type Paper = 'A4' | 'A5';
const PAPER_KEY = 'quayso.slip.paper';

function storedPaper(): Paper {
  const p = new URLSearchParams(location.search).get('paper') ?? localStorage.getItem(PAPER_KEY);
  return p === 'A5' ? 'A5' : 'A4';
}

/** The page size for printing follows the switch: one @page rule, replaced on change. */
function usePageSize(paper: Paper) {
  useEffect(() => {
    let style = document.getElementById('page-size') as HTMLStyleElement | null;
    if (!style) {
      style = document.createElement('style');
      style.id = 'page-size';
      document.head.append(style);
    }
    style.textContent = `@page { size: ${paper} portrait; margin: ${paper === 'A4' ? '18mm 18mm 16mm 25mm' : '10mm 10mm 10mm 14mm'}; }`;
    document.documentElement.dataset.paper = paper;
    localStorage.setItem(PAPER_KEY, paper);
  }, [paper]);
}

/**
 * /slip/?code=<dossier code>: the receipt slip "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" as a
 * printable A4/A5 page, with room for both signatures. The data needs an officer's login
 * (GET /api/dossiers/:code/slip); the same words print on the ticket printer.
 */
function SlipPage() {
  const code = new URLSearchParams(location.search).get('code')?.trim() ?? '';
  const [slip, setSlip] = useState<ReceiptSlip | null>(null);
  const [error, setError] = useState<{ text: string; login: boolean } | null>(null);
  const [paper, setPaper] = useState<Paper>(storedPaper);
  usePageSize(paper);

  useEffect(() => {
    if (!code) {
      setError({ text: 'Thiếu mã hồ sơ trong địa chỉ (?code=…). (No dossier code in the address.)', login: false });
      return;
    }
    api<ReceiptSlip>('GET', `/api/dossiers/${encodeURIComponent(code)}/slip`)
      .then((s) => {
        setSlip(s);
        document.title = `Giấy hẹn ${s.code}`;
      })
      .catch((e: unknown) =>
        setError({ text: e instanceof Error ? e.message : String(e), login: e instanceof ApiError && e.status === 401 }),
      );
  }, [code]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === '4') setPaper('A4');
      else if (e.key === '5') setPaper('A5');
      else if (e.key.toLowerCase() === 'p' && slip) window.print();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [slip]);

  return (
    <>
      <div class="toolbar no-print">
        <span class="toolbar-title">Giấy tiếp nhận hồ sơ <span class="en">Receipt slip</span></span>
        <div class="paper-switch" role="group" aria-label="Khổ giấy (paper size)">
          {(['A4', 'A5'] as const).map((p) => (
            <button type="button" key={p} class={paper === p ? 'on' : ''} aria-pressed={paper === p} data-paper={p} onClick={() => setPaper(p)}>
              Khổ {p} <kbd>{p.slice(1)}</kbd>
            </button>
          ))}
        </div>
        <button type="button" class="print-btn" disabled={!slip} onClick={() => window.print()}>
          In <kbd>P</kbd> <span class="en">Print</span>
        </button>
      </div>
      {error && (
        <div class="slip-error" role="alert">
          <p>{error.text}</p>
          {error.login && (
            <p>
              <a href="/counter/">Đăng nhập tại trang quầy</a> rồi mở lại trang này. <span class="en">Log in on the counter page, then reload.</span>
            </p>
          )}
        </div>
      )}
      {slip && <Slip slip={slip} />}
    </>
  );
}

function Slip({ slip }: { slip: ReceiptSlip }) {
  return (
    <article class="sheet" data-testid="slip">
      <header class="heading">
        <div class="unit">
          {slip.headerLines.map((l) => (
            <div key={l}>{l}</div>
          ))}
          <div class="unit-name">{slip.unitName}</div>
          <div class="rule" />
        </div>
        <div class="nation">
          <div class="nation-1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="nation-2">Độc lập - Tự do - Hạnh phúc</div>
          <div class="rule" />
        </div>
      </header>
      <h1 class="title">
        GIẤY TIẾP NHẬN HỒ SƠ
        <br />
        VÀ HẸN TRẢ KẾT QUẢ
      </h1>
      <section class="code-row">
        <div>
          <div class="label">Mã hồ sơ</div>
          <div class="code" data-testid="slip-code">
            {slip.code}
          </div>
          <div class="small">Quét mã QR để tra cứu tình trạng hồ sơ.</div>
        </div>
        <Qr text={slip.qrUrl} px={112} label={`Mã QR hồ sơ ${slip.code}`} />
      </section>
      <dl class="facts">
        <dt>Người nộp hồ sơ</dt>
        <dd class="strong">{slip.applicantName}</dd>
        {slip.applicantPhone && (
          <>
            <dt>Điện thoại</dt>
            <dd>{slip.applicantPhone}</dd>
          </>
        )}
        {slip.applicantAddress && (
          <>
            <dt>Địa chỉ</dt>
            <dd>{slip.applicantAddress}</dd>
          </>
        )}
        <dt>Thủ tục</dt>
        <dd class="strong">
          {slip.procedureName}
          {slip.procedureCode && <span class="muted"> (mã {slip.procedureCode})</span>}
        </dd>
        <dt>Hình thức nộp</dt>
        <dd>{slip.channel}</dd>
      </dl>
      <table class="docs">
        <caption>Thành phần hồ sơ đã nhận</caption>
        <thead>
          <tr>
            <th>STT</th>
            <th>Tên giấy tờ</th>
            <th>Hình thức</th>
            <th>Số bản</th>
          </tr>
        </thead>
        <tbody>
          {slip.documents.map((d, i) => (
            <tr key={i}>
              <td class="num">{i + 1}</td>
              <td>{d.name}</td>
              <td>{d.form}</td>
              <td class="num">{d.copies}</td>
            </tr>
          ))}
          {slip.documents.length === 0 && (
            <tr>
              <td colSpan={4} class="muted">
                (không có giấy tờ kèm theo)
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <dl class="facts">
        <dt>Số bộ hồ sơ</dt>
        <dd>{slip.sets}</dd>
        {slip.processingTime && (
          <>
            <dt>Thời hạn giải quyết</dt>
            <dd>{slip.processingTime}</dd>
          </>
        )}
        <dt>Nhận hồ sơ lúc</dt>
        <dd>{slip.receivedAt}</dd>
        <dt>Hẹn trả kết quả</dt>
        <dd class="due" data-testid="slip-due">
          {slip.dueAt ?? 'theo thông báo của cơ quan giải quyết'}
        </dd>
        <dt>Nơi nhận kết quả</dt>
        <dd>{slip.collectAt}</dd>
      </dl>
      <p class="note">Vui lòng mang theo giấy này khi đến nhận kết quả.</p>
      <footer class="signs">
        <div>
          <div class="sign-title">NGƯỜI NỘP HỒ SƠ</div>
          <div class="sign-hint">(Ký và ghi rõ họ tên)</div>
          <div class="sign-name">{slip.applicantName}</div>
        </div>
        <div>
          <div class="sign-title">NGƯỜI TIẾP NHẬN HỒ SƠ</div>
          <div class="sign-hint">(Ký và ghi rõ họ tên)</div>
          <div class="sign-name">
            {slip.officerName}
            {slip.counterName && <div class="small">{slip.counterName}</div>}
          </div>
        </div>
      </footer>
    </article>
  );
}

render(<SlipPage />, document.getElementById('app') as HTMLElement);
