import { api } from '../shared/web/api';
import type { OpeningInterval } from './types';
import { useState } from 'preact/hooks';
import { useLoad, useSaver, type Saver } from './hooks';
import { Bi, EditForm, Loading, SectionHead } from './form';

const PATH = '/api/admin/opening-hours';

/** Monday first, as on a Vietnamese calendar; weekday 0 = Sunday. */
const WEEKDAYS = [
  { day: 1, vi: 'Thứ Hai', en: 'Monday' },
  { day: 2, vi: 'Thứ Ba', en: 'Tuesday' },
  { day: 3, vi: 'Thứ Tư', en: 'Wednesday' },
  { day: 4, vi: 'Thứ Năm', en: 'Thursday' },
  { day: 5, vi: 'Thứ Sáu', en: 'Friday' },
  { day: 6, vi: 'Thứ Bảy', en: 'Saturday' },
  { day: 0, vi: 'Chủ nhật', en: 'Sunday' },
] as const;

interface Span {
  open: string;
  close: string;
}
/** Intervals by weekday (index 0 = Sunday). */
type Week = Span[][];

const toWeek = (hours: OpeningInterval[]): Week =>
  [0, 1, 2, 3, 4, 5, 6].map((day) => hours.filter((h) => h.weekday === day).map(({ open, close }) => ({ open, close })));
const fromWeek = (week: Week): OpeningInterval[] => week.flatMap((spans, weekday) => spans.map((s) => ({ weekday, ...s })));

/** Giờ làm việc: the intervals of each weekday in which the kiosk issues numbers. */
export function HoursSection() {
  const hours = useLoad<{ hours: OpeningInterval[]; version: number }>(PATH);
  const saver = useSaver(hours.reload);
  // The form is rebuilt on every load, so the version loaded is the one it was based on.
  const save = (week: Week) =>
    void saver.run(async () => {
      await api('PUT', PATH, { hours: fromWeek(week), version: hours.data?.version });
      await hours.reload();
    });
  return (
    <section>
      <SectionHead title="Giờ làm việc" en="Opening hours">
        Kiosk chỉ cấp số trong các khoảng giờ này (giờ của đơn vị). Một ngày có thể có nhiều khoảng, ví dụ 07:30–11:30 và
        13:30–17:00; ngày không có khoảng nào là ngày nghỉ. 24:00 = hết ngày.
      </SectionHead>
      {hours.data ? (
        <HoursForm key={hours.version} initial={toWeek(hours.data.hours)} saver={saver} onSave={save} />
      ) : (
        <Loading error={hours.error} onRetry={() => void hours.reload()} />
      )}
    </section>
  );
}

function HoursForm({ initial, saver, onSave }: { initial: Week; saver: Saver; onSave: (w: Week) => void }) {
  const [week, setWeek] = useState(initial);
  const setDay = (day: number, spans: Span[]) => setWeek(week.map((s, i) => (i === day ? spans : s)));
  const copyMonday = () => setWeek(week.map((s, i) => (i >= 2 && i <= 5 ? (week[1] ?? []).map((x) => ({ ...x })) : s)));
  return (
    <EditForm
      saver={saver}
      onSave={() => onSave(week)}
      testId="hours-form"
      actions={
        <button type="button" class="btn" onClick={copyMonday}>
          Chép giờ Thứ Hai sang Thứ Ba – Thứ Sáu <span class="en">Copy Monday to Tue–Fri</span>
        </button>
      }
    >
      <div class="week wide">
        {WEEKDAYS.map(({ day, vi, en }) => (
          <DayRow key={day} day={day} vi={vi} en={en} spans={week[day] ?? []} onChange={(s) => setDay(day, s)} />
        ))}
      </div>
    </EditForm>
  );
}

interface DayProps {
  day: number;
  vi: string;
  en: string;
  spans: Span[];
  onChange: (spans: Span[]) => void;
}

function DayRow({ day, vi, en, spans, onChange }: DayProps) {
  const edit = (i: number, patch: Partial<Span>) => onChange(spans.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const last = spans[spans.length - 1];
  const add = () => onChange([...spans, last ? { open: last.close, close: last.close } : { open: '07:30', close: '11:30' }]);
  return (
    <div class="day" data-weekday={day} role="group" aria-label={vi}>
      <div class="day-name">
        <Bi vi={vi} en={en} />
      </div>
      <div class="day-spans">
        {spans.length === 0 && <span class="muted day-closed">Nghỉ <span class="en">Closed</span></span>}
        {spans.map((s, i) => (
          <div class="span" key={i}>
            <label>
              <span class="sr-only">
                {vi} – khoảng {i + 1} – mở cửa
              </span>
              <input
                class="time"
                name={`open-${day}-${i}`}
                value={s.open}
                placeholder="07:30"
                inputMode="numeric"
                maxLength={5}
                onInput={(e) => edit(i, { open: e.currentTarget.value })}
              />
            </label>
            <span aria-hidden="true">–</span>
            <label>
              <span class="sr-only">
                {vi} – khoảng {i + 1} – đóng cửa
              </span>
              <input
                class="time"
                name={`close-${day}-${i}`}
                value={s.close}
                placeholder="11:30"
                inputMode="numeric"
                maxLength={5}
                onInput={(e) => edit(i, { close: e.currentTarget.value })}
              />
            </label>
            <button
              type="button"
              class="btn btn-icon"
              aria-label={`Xoá khoảng ${s.open}–${s.close} của ${vi}`}
              title="Xoá khoảng này"
              onClick={() => onChange(spans.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
      </div>
      <button type="button" class="btn btn-small" onClick={add} aria-label={`Thêm khoảng giờ cho ${vi}`}>
        + Thêm khoảng <span class="en">Add</span>
      </button>
    </div>
  );
}
