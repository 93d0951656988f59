import { useId, useRef, useState } from 'preact/hooks';
import { Bi } from './form';

/** A read-only address with a copy button (the clipboard API needs https; on plain http the text is selected and copied). */
export function CopyField({ label, en, value, testId }: { label: string; en: string; value: string; testId?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div class="field wide copy-field">
      <label for={id}>
        <Bi vi={label} en={en} />
      </label>
      <div class="copy-row">
        <input id={id} ref={input} readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-small" onClick={() => void copy()}>
          {copied ? 'Đã chép' : 'Chép'} <span class="en">{copied ? 'Copied' : 'Copy'}</span>
        </button>
        <a class="btn btn-small" href={value} target="_blank" rel="noopener">
          Mở <span class="en">Open</span>
        </a>
      </div>
    </div>
  );
}
