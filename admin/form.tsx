import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { Saver } from './hooks';
import { DateField } from '../shared/web/DateField';

/** Vietnamese first, English smaller after it. */
export function Bi({ vi, en }: { vi: string; en: string }) {
  return (
    <>
      {vi} <span class="en">{en}</span>
    </>
  );
}

interface LabelProps {
  label: string;
  en: string;
  hint?: string;
  /** Spans both columns of a form grid. */
  wide?: boolean;
}

function FieldShell({ label, en, hint, wide, id, children }: LabelProps & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${wide ? ' wide' : ''}`}>
      <label for={id}>
        <Bi vi={label} en={en} />
      </label>
      {children}
      {hint && (
        <small class="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
    </div>
  );
}

interface TextProps extends LabelProps {
  name: string;
  value: string;
  onValue: (v: string) => void;
  placeholder?: string;
  autoComplete?: string;
  type?: 'text' | 'password' | 'url';
  list?: string;
}

export function TextInput({ name, value, onValue, placeholder, autoComplete, type, list, ...label }: TextProps) {
  const id = useId();
  return (
    <FieldShell {...label} id={id}>
      <input
        id={id}
        name={name}
        type={type ?? 'text'}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete ?? 'off'}
        list={list}
        aria-describedby={label.hint ? `${id}-hint` : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </FieldShell>
  );
}

export function TextArea({ name, value, onValue, rows, ...label }: Omit<TextProps, 'type'> & { rows?: number }) {
  const id = useId();
  return (
    <FieldShell {...label} id={id}>
      <textarea
        id={id}
        name={name}
        rows={rows ?? 3}
        value={value}
        aria-describedby={label.hint ? `${id}-hint` : undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </FieldShell>
  );
}

const numberText = (n: number | null) => (n == null ? '' : String(n));
const parseNumber = (t: string): number | null => {
  if (t.trim() === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};

interface NumberProps extends LabelProps {
  name: string;
  value: number | null;
  /** The typed number, or null when the box is empty. */
  onValue: (v: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
}

/** A number box: what is typed stays as typed, the form receives a number (or null when empty). */
export function NumberInput({ name, value, onValue, min, max, step, ...label }: NumberProps) {
  const id = useId();
  const [text, setText] = useState(numberText(value));
  useEffect(() => {
    if (parseNumber(text) !== value) setText(numberText(value));
    // Only a change from outside (not the user's own typing) resets the text.
  }, [value]);
  return (
    <FieldShell {...label} id={id}>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step ?? 1}
        value={text}
        aria-describedby={label.hint ? `${id}-hint` : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onValue(parseNumber(e.currentTarget.value));
        }}
      />
    </FieldShell>
  );
}

export interface Option<V> {
  value: V;
  label: string;
}

interface SelectProps<V extends string> extends LabelProps {
  name: string;
  value: V;
  options: Option<V>[];
  onValue: (v: V) => void;
}

export function SelectInput<V extends string>({ name, value, options, onValue, ...label }: SelectProps<V>) {
  const id = useId();
  return (
    <FieldShell {...label} id={id}>
      <select
        id={id}
        name={name}
        value={value}
        aria-describedby={label.hint ? `${id}-hint` : undefined}
        onChange={(e) => onValue(e.currentTarget.value as V)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface CheckboxProps {
  label: string;
  en: string;
  name: string;
  checked: boolean;
  onValue: (v: boolean) => void;
  wide?: boolean;
}

export function Checkbox({ label, en, name, checked, onValue, wide }: CheckboxProps) {
  return (
    <label class={`check${wide ? ' wide' : ''}`}>
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onValue(e.currentTarget.checked)} />
      <span>
        <Bi vi={label} en={en} />
      </span>
    </label>
  );
}

interface GroupProps<V extends string | number> {
  legend: string;
  en: string;
  hint?: string;
  name: string;
  options: Option<V>[];
  selected: V[];
  /** The new selection, in the order of `options`. */
  onChange: (v: V[]) => void;
}

/** A set of checkboxes for picking several items (counters, fields). */
export function CheckboxGroup<V extends string | number>({ legend, en, hint, name, options, selected, onChange }: GroupProps<V>) {
  const toggle = (v: V, on: boolean) => {
    const next = on ? [...selected, v] : selected.filter((x) => x !== v);
    onChange(options.map((o) => o.value).filter((x) => next.includes(x)));
  };
  return (
    <fieldset class="group wide">
      <legend>
        <Bi vi={legend} en={en} />
      </legend>
      <div class="group-items">
        {options.map((o) => (
          <label key={String(o.value)} class="check">
            <input
              type="checkbox"
              name={name}
              value={String(o.value)}
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
        {options.length === 0 && <span class="muted">Chưa có mục nào.</span>}
      </div>
      {hint && <small class="hint">{hint}</small>}
    </fieldset>
  );
}

function StatusLine({ saver }: { saver: Saver }) {
  const { status } = saver;
  switch (status.kind) {
    case 'idle':
      return <p class="status" role="status" />;
    case 'saving':
      return (
        <p class="status" role="status">
          Đang lưu…
        </p>
      );
    case 'ok':
      return (
        <p class="status status-ok" role="status" data-testid="save-status">
          ✓ Đã lưu <span class="en">Saved</span>
        </p>
      );
    case 'error':
      return (
        <p class="status status-error" role="alert" data-testid="save-status">
          {status.text}
        </p>
      );
    case 'stale':
      return <StaleLine text={status.text} saver={saver} />;
  }
}

/** A save refused because someone else changed the record meanwhile: why, and a button to load their version. */
function StaleLine({ text, saver }: { text: string; saver: Saver }) {
  const { reload, clear } = saver;
  return (
    <p class="status status-error status-stale" role="alert" data-testid="save-status">
      {text}{' '}
      {reload && (
        <button type="button" class="btn btn-small" data-testid="stale-reload" onClick={() => void reload().then(clear)}>
          Tải lại <span class="en">Reload</span>
        </button>
      )}
    </p>
  );
}

/** The save button with the result of the last save beside it. */
export interface ButtonLabel {
  vi: string;
  en: string;
}

const SAVE: ButtonLabel = { vi: 'Lưu', en: 'Save' };

export function SaveBar({ saver, label = SAVE, children }: { saver: Saver; label?: ButtonLabel; children?: ComponentChildren }) {
  return (
    <div class="save-bar">
      <button type="submit" class="btn btn-primary" disabled={saver.status.kind === 'saving'}>
        {label.vi} <span class="en">{label.en}</span>
      </button>
      {children}
      <StatusLine saver={saver} />
    </div>
  );
}

interface EditFormProps {
  saver: Saver;
  onSave: () => void;
  saveLabel?: ButtonLabel;
  /** Extra buttons beside Save. */
  actions?: ComponentChildren;
  children: ComponentChildren;
  testId?: string;
}

/** A form whose values the server validates (its message is shown): no browser validation bubbles. */
export function EditForm({ saver, onSave, saveLabel, actions, children, testId }: EditFormProps) {
  return (
    <form
      class="edit-form"
      noValidate
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div class="form-grid">{children}</div>
      <SaveBar saver={saver} label={saveLabel}>
        {actions}
      </SaveBar>
    </form>
  );
}

export function SectionHead({ title, en, children }: { title: string; en: string; children?: ComponentChildren }) {
  return (
    <header class="section-head">
      <h1>
        <Bi vi={title} en={en} />
      </h1>
      {children && <p class="intro">{children}</p>}
    </header>
  );
}

/** Shown while a section loads, or when its load failed (with a retry). */
export function Loading({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  if (!error) return <p class="muted">Đang tải… <span class="en">Loading</span></p>;
  return (
    <div class="load-error" role="alert">
      <p>{error}</p>
      <button type="button" class="btn" onClick={onRetry}>
        Thử lại <span class="en">Retry</span>
      </button>
    </div>
  );
}

/**
 * A "from … to …" pair of dd/mm/yyyy date fields (shared/web/DateField.tsx), named `from` and
 * `to`, for the filters of the reports, the audit log and the dossiers.
 */
export function DateRangeFields(p: {
  from: string;
  to: string;
  onChange: (range: { from: string } | { to: string }) => void;
  required?: boolean;
  labels?: { from: [vi: string, en: string]; to: [vi: string, en: string] };
}) {
  const labels = p.labels ?? { from: ['Từ ngày', 'From'], to: ['Đến ngày', 'To'] };
  return (
    <>
      <label class="field">
        <span>
          <Bi vi={labels.from[0]} en={labels.from[1]} />
        </span>
        <DateField name="from" required={p.required} value={p.from} onChange={(from) => p.onChange({ from })} />
      </label>
      <label class="field">
        <span>
          <Bi vi={labels.to[0]} en={labels.to[1]} />
        </span>
        <DateField name="to" required={p.required} value={p.to} onChange={(to) => p.onChange({ to })} />
      </label>
    </>
  );
}
