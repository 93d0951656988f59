import { useState } from 'preact/hooks';
import type { CalendarDay, CalendarYear } from '../shared/catalogue';
import { api } from '../shared/web/api';
import { useLoad, useSaver } from './hooks';
import { Bi, EditForm, Loading, SectionHead, SelectInput, TextInput } from './form';
import './catalogue.css';
import { dayToText } from '../shared/dayText';

const PATH = '/api/admin/calendar';
const MONTHS = Array.from({ length: 12 }, (_x, i) => i + 1);
const WEEK_HEAD = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;

/** Lịch làm việc: the year's holidays and compensatory working days, over the Monday–Friday week. */
export function CalendarSection() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const cal = useLoad<CalendarYear>(`${PATH}?year=${year}`);
  const [selected, setSelected] = useState<string | null>(null);
  const saver = useSaver(cal.reload);
  const data = cal.data?.year === year ? cal.data : null;
  const byDay = new Map((data?.days ?? []).map((d) => [d.day, d]));

  const addNational = () =>
    void saver.run(async () => {
      await api('POST', `${PATH}/national-holidays`, { year, version: data?.version });
      await cal.reload();
    });

  return (
    <section>
      <SectionHead title="Lịch làm việc" en="Working calendar">
        Thứ Hai đến thứ Sáu là ngày làm việc, thứ Bảy và Chủ nhật nghỉ. Ghi ở đây các ngày nghỉ lễ, Tết rơi vào ngày thường và
        các ngày làm bù vào thứ Bảy, Chủ nhật: hạn trả kết quả (ngày làm việc, giờ làm việc) tính theo lịch này. Danh sách ngày
        lễ quốc gia cần đối chiếu với thông báo nghỉ lễ của Chính phủ hằng năm.
      </SectionHead>
      <div class="calendar-tools">
        <button type="button" class="btn" aria-label="Năm trước" onClick={() => (setYear(year - 1), setSelected(null))}>
          ‹ {year - 1}
        </button>
        <strong class="calendar-year" data-testid="calendar-year">
          Năm {year}
        </strong>
        <button type="button" class="btn" aria-label="Năm sau" onClick={() => (setYear(year + 1), setSelected(null))}>
          {year + 1} ›
        </button>
        <button
          type="button"
          class="btn btn-primary"
          data-testid="add-national"
          disabled={!data?.nationalHolidaysKnown || saver.status.kind === 'saving'}
          title={data?.nationalHolidaysKnown ? undefined : 'Chưa có danh sách năm này: thêm từng ngày'}
          onClick={addNational}
        >
          Thêm ngày lễ quốc gia năm {year} <span class="en">Add national holidays</span>
        </button>
        <span class="legend">
          <span class="swatch cal-holiday" /> Nghỉ lễ <span class="swatch cal-working" /> Làm bù <span class="swatch cal-weekend" /> Cuối tuần
        </span>
      </div>
      {saver.status.kind === 'error' || saver.status.kind === 'stale' ? (
        <p class="status status-error" role="alert">
          {saver.status.text}
        </p>
      ) : null}
      {!data ? (
        <Loading error={cal.error} onRetry={() => void cal.reload()} />
      ) : (
        <div class="calendar-layout">
          <div class="months" data-testid="calendar-months">
            {MONTHS.map((m) => (
              <Month key={m} year={year} month={m} byDay={byDay} selected={selected} onPick={setSelected} />
            ))}
          </div>
          <div class="calendar-side">
            {selected && (
              <div class="panel">
                <DayForm
                  key={`${selected}-${data.version}`}
                  day={selected}
                  current={byDay.get(selected) ?? null}
                  version={data.version}
                  onDone={async () => {
                    await cal.reload();
                  }}
                  onReload={cal.reload}
                />
              </div>
            )}
            <DayList days={data.days} onPick={setSelected} />
          </div>
        </div>
      )}
    </section>
  );
}

function Month({
  year,
  month,
  byDay,
  selected,
  onPick,
}: {
  year: number;
  month: number;
  byDay: Map<string, CalendarDay>;
  selected: string | null;
  onPick: (d: string) => void;
}) {
  const first = `${year}-${pad(month)}-01`;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (weekday(first) + 6) % 7;
  return (
    <div class="month">
      <h3>Tháng {month}</h3>
      <div class="month-grid">
        {WEEK_HEAD.map((w) => (
          <span key={w} class="wd">
            {w}
          </span>
        ))}
        {Array.from({ length: lead }, (_x, i) => (
          <span key={`e${i}`} />
        ))}
        {Array.from({ length }, (_x, i) => {
          const day = `${year}-${pad(month)}-${pad(i + 1)}`;
          const special = byDay.get(day);
          const cls = special ? `cal-${special.kind}` : isWeekend(day) ? 'cal-weekend' : '';
          return (
            <button
              type="button"
              key={day}
              class={`cal-day ${cls}${selected === day ? ' cal-day-selected' : ''}`}
              data-day={day}
              title={special ? special.name || (special.kind === 'holiday' ? 'Nghỉ' : 'Làm bù') : undefined}
              onClick={() => onPick(day)}
            >
              {i + 1}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function DayForm({
  day,
  current,
  version,
  onDone,
  onReload,
}: {
  day: string;
  current: CalendarDay | null;
  version: number;
  onDone: () => Promise<void>;
  onReload: () => Promise<void>;
}) {
  const weekend = isWeekend(day);
  const [kind, setKind] = useState<'holiday' | 'working'>(current?.kind ?? (weekend ? 'working' : 'holiday'));
  const [name, setName] = useState(current?.name ?? (weekend ? 'Làm bù' : ''));
  const saver = useSaver(onReload);
  const save = () =>
    void saver.run(async () => {
      await api('PUT', `${PATH}/days/${day}`, { kind, name, version });
      await onDone();
    });
  const remove = () =>
    void saver.run(async () => {
      await api('DELETE', `${PATH}/days/${day}`, { version });
      await onDone();
    });
  return (
    <>
      <h2>
        Ngày {dayToText(day)} <span class="en">{weekend ? 'Weekend' : 'Weekday'}</span>
      </h2>
      <p class="muted small">
        {current
          ? current.kind === 'holiday'
            ? 'Đang là ngày nghỉ.'
            : 'Đang là ngày làm bù.'
          : weekend
            ? 'Ngày cuối tuần: nghỉ, trừ khi đặt làm bù.'
            : 'Ngày thường: làm việc, trừ khi đặt nghỉ.'}
      </p>
      <EditForm
        saver={saver}
        onSave={save}
        testId="day-form"
        actions={
          current && (
            <button type="button" class="btn btn-danger" data-testid="day-remove" onClick={remove}>
              Bỏ ngày này <span class="en">Remove</span>
            </button>
          )
        }
      >
        <SelectInput
          label="Loại ngày"
          en="Kind"
          name="kind"
          value={kind}
          options={[
            { value: 'holiday', label: 'Nghỉ (lễ, Tết, nghỉ bù)' },
            { value: 'working', label: 'Làm bù (thứ Bảy, Chủ nhật)' },
          ]}
          onValue={setKind}
        />
        <TextInput label="Tên" en="Name" name="name" value={name} onValue={setName} placeholder="vd: Tết Nguyên đán" />
      </EditForm>
    </>
  );
}

function DayList({ days, onPick }: { days: CalendarDay[]; onPick: (d: string) => void }) {
  return (
    <table class="rows day-list" data-testid="calendar-days">
      <thead>
        <tr>
          <th>
            Ngày <span class="en">Day</span>
          </th>
          <th>
            Loại <span class="en">Kind</span>
          </th>
          <th>
            Tên <span class="en">Name</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.day} data-day={d.day} onClick={() => onPick(d.day)} class="clickable">
            <td class="nowrap">{dayToText(d.day)}</td>
            <td>{d.kind === 'holiday' ? <span class="pill pill-bad">Nghỉ</span> : <span class="pill pill-on">Làm bù</span>}</td>
            <td>{d.name}</td>
          </tr>
        ))}
        {days.length === 0 && (
          <tr>
            <td colSpan={3} class="muted">
              <Bi vi="Năm này chưa có ngày nghỉ lễ hay làm bù nào." en="No exception this year." />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
