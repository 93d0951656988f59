import { useState } from 'preact/hooks';
import type { Report, ReportKind, ReportMeta } from '../../server/domain/reports/types';
import { useLoad } from '../hooks';
import { Bi, Loading } from '../form';
import { ReportTableView, tableOf } from './ReportTableView';
import { dayToText } from '../../shared/dayText';

const ROMAN = ['I', 'II', 'III', 'IV'];
const pad = (n: number) => String(n).padStart(2, '0');

function quarterOf(year: number, q: number) {
  const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { from: `${year}-${pad(q * 3 - 2)}-01`, to: `${year}-${pad(q * 3)}-${last}` };
}

/** Which tables of each report go on paper, in order. */
const SECTIONS: { kind: ReportKind; title: string; tables: string[] }[] = [
  { kind: 'tickets', title: 'Tình hình tiếp đón, lấy số và phục vụ', tables: ['tickets_by_period', 'tickets_by_field'] },
  { kind: 'times', title: 'Thời gian chờ và thời gian phục vụ', tables: ['times_by_period', 'times_by_field', 'times_by_counter'] },
  { kind: 'satisfaction', title: 'Mức độ hài lòng của người dân, tổ chức', tables: ['satisfaction_levels', 'satisfaction_by_field', 'satisfaction_by_officer', 'satisfaction_reasons'] },
  { kind: 'dossiers', title: 'Tình hình tiếp nhận và giải quyết hồ sơ', tables: ['dossiers_by_channel', 'dossiers_by_field'] },
];

/** The quarterly report as filed on paper: national heading, the unit, the tables, place, date and signature. */
export function PrintView({ meta }: { meta: ReportMeta }) {
  const y = Number(meta.today.slice(0, 4));
  const q = Math.floor((Number(meta.today.slice(5, 7)) - 1) / 3) + 1;
  const [year, setYear] = useState(y);
  const [quarter, setQuarter] = useState(q);
  const [place, setPlace] = useState('');
  const [signer, setSigner] = useState('THỦ TRƯỞNG ĐƠN VỊ');
  const range = quarterOf(year, quarter);
  return (
    <div class="print-view">
      <form class="report-filter panel no-print" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>
            <Bi vi="Năm" en="Year" />
          </span>
          <input type="number" name="year" min={2000} max={2100} value={year} onInput={(e) => setYear(Number(e.currentTarget.value) || y)} />
        </label>
        <label class="field">
          <span>
            <Bi vi="Quý" en="Quarter" />
          </span>
          <select name="quarter" value={String(quarter)} onChange={(e) => setQuarter(Number(e.currentTarget.value))}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                Quý {ROMAN[n - 1]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>
            <Bi vi="Địa danh" en="Place" />
          </span>
          <input name="place" value={place} maxLength={60} placeholder="ví dụ: Hòa An" onInput={(e) => setPlace(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>
            <Bi vi="Chức danh người ký" en="Signer's title" />
          </span>
          <input name="signer" value={signer} maxLength={60} onInput={(e) => setSigner(e.currentTarget.value)} />
        </label>
        <button type="button" class="btn btn-primary" data-testid="print-now" onClick={() => window.print()}>
          In báo cáo <span class="en">Print</span>
        </button>
      </form>
      <Sheet meta={meta} year={year} quarter={quarter} range={range} place={place} signer={signer} />
    </div>
  );
}

function Sheet(p: { meta: ReportMeta; year: number; quarter: number; range: { from: string; to: string }; place: string; signer: string }) {
  const qs = `from=${p.range.from}&to=${p.range.to}&groupBy=month`;
  const loaded = [useLoad<Report>(`/api/reports/tickets?${qs}`), useLoad<Report>(`/api/reports/times?${qs}`), useLoad<Report>(`/api/reports/satisfaction?${qs}`), useLoad<Report>(`/api/reports/dossiers?${qs}`)];
  const failed = loaded.find((l) => !l.data);
  if (failed) return <Loading error={failed.error} onRetry={() => void failed.reload()} />;
  const reports = loaded.map((l) => l.data!);
  const now = new Date();
  return (
    <article class="print-sheet" data-testid="print-sheet">
      <header class="print-heading">
        <div class="print-unit">
          <div class="upper">{p.meta.officeName}</div>
          <div class="rule" />
          <div>Số: ……/BC-……</div>
        </div>
        <div class="print-nation">
          <div class="upper strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="strong">Độc lập - Tự do - Hạnh phúc</div>
          <div class="rule" />
          <div class="italic">
            {p.place || '……………'}, ngày {now.getDate()} tháng {now.getMonth() + 1} năm {now.getFullYear()}
          </div>
        </div>
      </header>
      <h1 class="print-title">
        BÁO CÁO
        <br />
        KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI BỘ PHẬN MỘT CỬA
        <br />
        QUÝ {ROMAN[p.quarter - 1]} NĂM {p.year}
      </h1>
      <p class="print-period">
        (Số liệu từ ngày {dayToText(p.range.from)} đến ngày {dayToText(p.range.to)})
      </p>
      {p.meta.demo && <p class="print-demo">DỮ LIỆU MẪU – KHÔNG DÙNG ĐỂ BÁO CÁO (demo data)</p>}
      {SECTIONS.map((s, i) => (
        <section key={s.kind} class="print-section">
          <h2>
            {ROMAN[i]}. {s.title}
          </h2>
          {s.tables.map((key) => {
            const t = tableOf(reports[i]!, key);
            return t ? <ReportTableView key={key} table={t} compact /> : null;
          })}
        </section>
      ))}
      <footer class="print-sign">
        <div class="print-recipients">
          <div class="strong italic">Nơi nhận:</div>
          <div>- ……………;</div>
          <div>- Lưu: VT.</div>
        </div>
        <div class="print-signer">
          <div class="strong upper">{p.signer}</div>
          <div class="italic">(Ký, ghi rõ họ tên và đóng dấu)</div>
        </div>
      </footer>
    </article>
  );
}
