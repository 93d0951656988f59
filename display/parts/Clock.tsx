import { useEffect, useState } from 'preact/hooks';
import { DailyReload, wallTime } from '../clock';

const reloader = new DailyReload();

/** The live clock (office time zone). Owns the display's only one-second timer. */
export function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const t = wallTime(now, timeZone);
  useEffect(() => reloader.tick(t), [t.time]);
  return (
    <div class="clock" aria-label="Giờ hiện tại">
      <div class="clock-time">{t.time.slice(0, 5)}<span class="clock-sec">:{t.time.slice(6)}</span></div>
      <div class="clock-date">{t.date}</div>
    </div>
  );
}
