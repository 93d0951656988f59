/** The scrolling notice line at the bottom of the screen (pure CSS animation, no timers). */
export function Ticker({ text }: { text: string }) {
  const line = text.trim() || 'Vui lòng lấy số thứ tự và chờ đến lượt. Xin cảm ơn quý khách.';
  // Roughly constant reading speed whatever the length of the notice.
  const seconds = Math.max(18, Math.round(line.length * 0.22 + 10));
  return (
    <footer class="ticker" aria-label="Thông báo">
      <div key={line} class="ticker-text" style={{ animationDuration: `${seconds}s` }}>
        {line}
      </div>
    </footer>
  );
}
