/**
 * A date field that reads and takes dd/mm/yyyy (shared/dayText.ts) on every browser, with the
 * browser's own calendar one click away. `value` and `onChange` are yyyy-mm-dd ('' = empty).
 * While the text is not a real date the field is marked invalid (the form will not submit)
 * and `onChange` is not called.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { dayToText, textToDay } from '../dayText';
import './DateField.css';

export function DateField(p: { name: string; value: string; onChange: (day: string) => void; required?: boolean; label?: string }) {
  const [text, setText] = useState(dayToText(p.value));
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // a value set from outside (a quick range, a reset) replaces the text
  useEffect(() => {
    if ((textToDay(text) ?? '') !== p.value) setText(dayToText(p.value));
  }, [p.value]);
  const invalid = text.trim() !== '' && textToDay(text) === null;
  useEffect(() => {
    input.current?.setCustomValidity(invalid ? 'Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/11/2026 (a date as dd/mm/yyyy)' : '');
  }, [invalid]);
  return (
    <span class="date-field">
      <input
        ref={input}
        type="text"
        name={p.name}
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        pattern="\s*\d{1,2}\s*[\/.\-]\s*\d{1,2}\s*[\/.\-]\s*\d{4}\s*"
        required={p.required}
        aria-invalid={invalid}
        aria-label={p.label}
        size={10}
        value={text}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const day = textToDay(t);
          if (day !== null) p.onChange(day);
          else if (t.trim() === '') p.onChange('');
        }}
      />
      <button
        type="button"
        class="date-field-pick"
        title="Chọn trên lịch (calendar)"
        aria-label="Chọn trên lịch (calendar)"
        onClick={() => {
          const el = picker.current;
          if (!el) return;
          el.value = p.value;
          if (typeof el.showPicker === 'function') el.showPicker();
          else el.click();
        }}
      >
        {/* a drawn calendar: no emoji font is needed */}
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.4" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" stroke-width="1.4" fill="none" />
          <rect x="4" y="8.5" width="2.2" height="2" fill="currentColor" />
          <rect x="7" y="8.5" width="2.2" height="2" fill="currentColor" />
          <rect x="10" y="8.5" width="2.2" height="2" fill="currentColor" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        class="date-field-native"
        onChange={(e) => {
          const day = e.currentTarget.value;
          setText(dayToText(day));
          p.onChange(day);
        }}
      />
    </span>
  );
}
