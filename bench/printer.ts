import { pathToFileURL } from 'node:url';
import { encodeTicket } from '../drivers/printer/escpos';
import type { TicketPrintJob } from '../drivers/printer/types';

function sampleJob(i: number): TicketPrintJob {
  return {
    unitName: 'UBND XÃ HÒA AN',
    number: `A${String(i % 1000).padStart(3, '0')}`,
    serviceName: 'Tư pháp – Hộ tịch',
    counterName: 'Quầy 2',
    priorityName: i % 5 === 0 ? 'Người cao tuổi' : null,
    issuedAt: new Date(Date.UTC(2025, 2, 14, 1, 2, i % 60)),
    timeZone: 'Asia/Ho_Chi_Minh',
    waitingAhead: i % 40,
    qrUrl: `http://192.168.1.10:3000/t/AB12CD34${String(i).padStart(4, '0')}`,
    headerLines: ['Bộ phận Tiếp nhận và Trả kết quả'],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** Times ticket data -> ESC/POS bytes (render + threshold + PNG + raster encoding) on 80 mm paper. */
export async function benchPrinter(iterations = 200): Promise<{ medianMs: number; p99Ms: number }> {
  const n = Math.max(1, Math.floor(iterations));
  for (let i = 0; i < Math.min(30, n); i++) encodeTicket(sampleJob(i), 576);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const job = sampleJob(i);
    const started = performance.now();
    encodeTicket(job, 576);
    samples.push(performance.now() - started);
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { medianMs: round(percentile(samples, 0.5)), p99Ms: round(percentile(samples, 0.99)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const iterations = Number(process.argv[2] ?? 200);
  console.log(JSON.stringify(await benchPrinter(iterations)));
}
