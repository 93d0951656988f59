/**
 * npm run seed:demo -- --months 12 [--data-dir D] [--seed N] [--per-day N]
 * Fills a FRESH database with made-up activity (DỮ LIỆU MẪU / DEMO DATA) for trying the
 * reports. Refuses a database that already holds tickets it did not create.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/database';
import { ConfigRepo } from '../server/domain/configRepo';
import { OfficerRepo } from '../server/auth/officerRepo';
import { systemClock } from '../server/domain/clock';
import { QueueService } from '../server/domain/queue';
import { QueueEvents } from '../server/domain/events';
import { seedDemoData } from '../server/domain/reports/demoData';
import { DomainError } from '../server/domain/errors';
import { runningServer } from '../server/ops/serverLock';

const WARNING = '⚠  DỮ LIỆU MẪU / DEMO DATA — không phải số liệu thật, không dùng để báo cáo. (Made-up figures: never file them.)';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      months: { type: 'string', default: '12' },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
      seed: { type: 'string', default: '20260101' },
      'per-day': { type: 'string', default: '2000' },
    },
  });
  const months = Number(values.months);
  const perDay = Number(values['per-day']);
  if (!Number.isInteger(months) || months < 1 || months > 60) {
    console.error('--months phải là số nguyên từ 1 đến 60. (--months must be a whole number from 1 to 60.)');
    return 2;
  }
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 20000) {
    console.error('--per-day phải là số nguyên từ 1 đến 20000. (--per-day must be from 1 to 20000.)');
    return 2;
  }
  const dataDir = values['data-dir'];
  const running = runningServer(dataDir);
  if (running) {
    console.error(`Máy chủ đang chạy trên thư mục này (pid ${running.pid}): hãy dừng nó trước. (A server uses ${dataDir}; stop it first.)`);
    return 1;
  }
  console.log(WARNING);
  console.log(`Thư mục dữ liệu (data dir): ${dataDir} · ${months} tháng (months)`);
  const started = Date.now();
  const db = openDatabase(join(dataDir, 'quayso.db'));
  try {
    const config = new ConfigRepo(db);
    const officers = new OfficerRepo(db, systemClock);
    const queue = new QueueService(db, config, systemClock, new QueueEvents());
    const result = await seedDemoData(db, config, officers, {
      months,
      today: () => queue.serviceDay(),
      seed: Number(values.seed),
      ticketsPerDay: perDay,
      onProgress: (m) => console.log(m),
    });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Xong trong ${secs} s (done): ${result.days} ngày làm việc, ${result.tickets.toLocaleString('vi-VN')} phiếu, ` +
        `${result.ratings.toLocaleString('vi-VN')} lượt đánh giá, ${result.dossiers.toLocaleString('vi-VN')} hồ sơ; ` +
        `${result.packedDays} ngày (kể cả ngày nghỉ) đã tổng hợp cho báo cáo.`,
    );
    console.log('Các tài khoản cán bộ mẫu có mật khẩu ngẫu nhiên: quản trị viên đặt lại khi cần. (Demo officers have random passwords.)');
    console.log(WARNING);
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    db.close();
  }
}

process.exitCode = await main();
