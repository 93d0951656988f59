import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  titleEn: string;
  onClose: () => void;
  children: ComponentChildren;
}

/** A modal dialog: Escape or the ✕ closes it; keys pressed inside never reach the counter's shortcuts. */
export function Dialog({ title, titleEn, onClose, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus], input, button:not(.dialog-close):not(:disabled)');
    first?.focus();
    return () => prev?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
    e.stopPropagation();
  };
  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={title} ref={box} onKeyDown={onKeyDown}>
        <div class="dialog-head">
          <h2>
            {title} <span class="en">{titleEn}</span>
          </h2>
          <button type="button" class="dialog-close" onClick={onClose} aria-label="Đóng (Esc)">
            ✕ <kbd>Esc</kbd>
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
