/**
 * `npm run simulate:rating -- [--box B1] [--heartbeat 5] [--port /dev/ttyX]`: a rating
 * button box on a socat pseudo-terminal pair (or on a port you give), for trying the buttons
 * without hardware (docs/rating-buttons.md). It sends a heartbeat every few seconds; type
 * `<counter> <level>` (e.g. `2 1`: counter 2, best level) to press a button, `b <counter> <level>`
 * for a bouncing contact (the same press 4 times in 50 ms), `g` for a garbage line, q to quit.
 * The server's A/N replies are printed.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { LineFramer } from '../drivers/card-reader/line-framer';
import { heartbeatLine, parseReplyLine, pressLine } from '../drivers/rating-buttons';
import { hasSocat, ptyPair, type PtyPair } from './cardDevices';

export interface RatingBoxDevice {
  press(counter: number, level: number): Promise<void>;
  /** A bouncing contact: the same press `times` times, a few ms apart. */
  bounce(counter: number, level: number, times?: number): Promise<void>;
  heartbeat(): Promise<void>;
  /** Raw bytes, e.g. a garbage line. */
  send(bytes: string): Promise<void>;
  /** The server's replies so far. */
  replies: { accepted: boolean; counter: number; level: number }[];
  close(): Promise<void>;
}

/** A simulated box on the device end of a serial port. */
export async function ratingBoxDevice(path: string, opts: { box?: string; baudRate?: number } = {}): Promise<RatingBoxDevice> {
  const port = new SerialPort({ path, baudRate: opts.baudRate ?? 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const replies: RatingBoxDevice['replies'] = [];
  const framer = new LineFramer(64);
  port.on('data', (chunk: Buffer) => {
    for (const e of framer.push(chunk)) {
      if (e.type !== 'line') continue;
      const r = parseReplyLine(e.bytes);
      if (r) replies.push(r);
    }
  });
  const send = (s: string) =>
    new Promise<void>((resolve, reject) => port.write(Buffer.from(s, 'latin1'), (e) => (e ? reject(e) : port.drain(() => resolve()))));
  return {
    press: (counter, level) => send(pressLine(counter, level)),
    bounce: async (counter, level, times = 4) => {
      for (let i = 0; i < times; i++) {
        await send(pressLine(counter, level));
        await new Promise((r) => setTimeout(r, 12));
      }
    },
    heartbeat: () => send(heartbeatLine(opts.box ?? 'B1')),
    send,
    replies,
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { box: { type: 'string', default: 'B1' }, heartbeat: { type: 'string', default: '5' }, port: { type: 'string' } },
  });
  const every = Number(values.heartbeat);
  if (!Number.isFinite(every) || every <= 0) {
    console.error('--heartbeat: giây, > 0 (seconds)');
    process.exit(2);
  }
  let pair: PtyPair | null = null;
  let devicePath = values.port;
  if (!devicePath) {
    if (!hasSocat()) {
      console.error('Cần socat: apt-get install -y socat (socat is needed).');
      process.exit(1);
    }
    pair = await ptyPair();
    devicePath = pair.device;
    console.log(`Hộp nút đánh giá mô phỏng (simulated rating button box) ${values.box}: ${pair.host}`);
    console.log('Chạy máy chủ với (start the server with):');
    console.log(`  RATING_BUTTONS=${pair.host} npm start`);
  }
  const box = await ratingBoxDevice(devicePath, { box: values.box });
  const timer = setInterval(() => void box.heartbeat(), every * 1000);
  void box.heartbeat();
  let shown = 0;
  const showReplies = setInterval(() => {
    for (; shown < box.replies.length; shown++) {
      const r = box.replies[shown]!;
      console.log(`${r.accepted ? 'A' : 'N'} quầy ${r.counter} mức ${r.level}: ${r.accepted ? 'đã ghi nhận (recorded)' : 'bị từ chối (refused)'}`);
    }
  }, 200);
  console.log('"<quầy> <mức>": bấm nút (press, 1 = tốt nhất / best) · b <quầy> <mức>: nút rung (bounce) · g: dòng rác (garbage) · q: thoát (quit)');
  const stop = async () => {
    clearInterval(timer);
    clearInterval(showReplies);
    await box.close();
    pair?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  createInterface({ input: process.stdin }).on('line', (line) => {
    const t = line.trim().toLowerCase();
    if (t === 'q') return void stop();
    if (t === 'g') return void box.send('xx#garbage\r\n');
    const m = /^(b\s+)?(\d{1,3})\s+([1-5])$/.exec(t);
    if (!m) return console.log('Không hiểu lệnh (unknown command).');
    const [counter, level] = [Number(m[2]), Number(m[3])];
    void (m[1] ? box.bounce(counter, level) : box.press(counter, level));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
