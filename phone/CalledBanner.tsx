import { useEffect, useRef } from 'preact/hooks';
import { Bell } from './Bell';

interface Props {
  number: string;
  counterNumber: number;
  onDismiss: () => void;
}

/** Full screen: "Đến lượt bạn! Mời đến quầy số N". */
export function CalledBanner({ number, counterNumber, onDismiss }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="called" role="alertdialog" aria-live="assertive" aria-label="Đến lượt bạn" data-testid="called-banner">
      <div class="called-bell">
        <Bell />
      </div>
      <h1 class="called-title">Đến lượt bạn!</h1>
      <p class="called-number">Số {number}</p>
      <p class="called-counter">
        Mời đến <b>quầy số {counterNumber}</b>
      </p>
      <p class="called-en">
        It’s your turn! Please go to counter {counterNumber}.
      </p>
      <button type="button" class="called-ok" ref={button} onClick={onDismiss}>
        Tôi đã biết <span>OK</span>
      </button>
    </div>
  );
}
