import { useId, useState } from 'preact/hooks';
import { Bi, type Option } from './form';

interface Props {
  legend: string;
  en: string;
  hint?: string;
  options: Option<number>[];
  /** The chosen values, first = most preferred. */
  value: number[];
  onChange: (v: number[]) => void;
}

/** An ordered choice: the chosen items with ↑ ↓ ✕ buttons, and a list to add another. */
export function OrderedPicker({ legend, en, hint, options, value, onChange }: Props) {
  const id = useId();
  const rest = options.filter((o) => !value.includes(o.value));
  const [toAdd, setToAdd] = useState('');
  const addValue = rest.some((o) => String(o.value) === toAdd) ? toAdd : String(rest[0]?.value ?? '');
  const label = (v: number) => options.find((o) => o.value === v)?.label ?? `#${v}`;
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset class="group wide ordered">
      <legend>
        <Bi vi={legend} en={en} />
      </legend>
      <ol class="ordered-list" data-testid="ordered-list">
        {value.map((v, i) => (
          <li key={v} data-value={v}>
            <span class="ordered-rank">{i + 1}</span>
            <span class="ordered-name">{label(v)}</span>
            <button type="button" class="btn btn-icon" aria-label={`Đưa ${label(v)} lên`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button
              type="button"
              class="btn btn-icon"
              aria-label={`Đưa ${label(v)} xuống`}
              disabled={i === value.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button type="button" class="btn btn-icon" aria-label={`Bỏ ${label(v)}`} onClick={() => onChange(value.filter((x) => x !== v))}>
              ✕
            </button>
          </li>
        ))}
        {value.length === 0 && <li class="muted">Chưa chọn. <span class="en">None chosen.</span></li>}
      </ol>
      {rest.length > 0 && (
        <div class="ordered-add">
          <label for={id} class="sr-only">
            Chọn {legend.toLowerCase()} để thêm
          </label>
          <select id={id} name="add-choice" value={addValue} onChange={(e) => setToAdd(e.currentTarget.value)}>
            {rest.map((o) => (
              <option key={o.value} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="button" class="btn btn-small" onClick={() => addValue && onChange([...value, Number(addValue)])}>
            + Thêm <span class="en">Add</span>
          </button>
        </div>
      )}
      {hint && <small class="hint">{hint}</small>}
    </fieldset>
  );
}
