import { join, resolve } from 'node:path';
import { createQuaySo } from './app';
import { readEnv } from './config/env';
import { log, readLogEnv, startLogFile, stopLogFile } from './log';
import { whenActivated } from './standby';

/** `npm start`: the office server on its embedded defaults, configured by environment variables. */
async function main() {
  const env = readEnv(process.env);
  const logEnv = readLogEnv(process.env);
  log.level = logEnv.level;
  startLogFile({ dir: join(env.dataDir, 'logs'), size: logEnv.size, maxFiles: logEnv.maxFiles });
  process.on('uncaughtException', (e) => exitAfterLog(e, 'uncaught exception'));
  process.on('unhandledRejection', (e) => exitAfterLog(e, 'unhandled promise rejection'));
  const server = await createQuaySo({
    dataDir: env.dataDir,
    adminPassword: env.adminPassword,
    printer: env.printer,
    cardReaders: env.cardReaders,
    publicUrl: env.publicUrl,
    secureCookies: env.secureCookies,
  });
  const url = await server.listen(env.port, env.host);
  // The banner below is for the person starting the server (plain text, stdout only, never
  // the log file: it holds the seeded passwords); the log gets this line instead.
  log.info({ url, dataDir: resolve(env.dataDir) }, 'server started');
  console.log(`Quầy Số đang chạy tại ${url}  (data: ${resolve(env.dataDir)})`);
  console.log(`  Màn hình lấy số (kiosk):   ${url}/kiosk/`);
  console.log(`  Quầy (counter):            ${url}/counter/`);
  console.log(`  Màn hình TV (display):     ${url}/display/`);
  console.log(`  Quản trị (admin):          ${url}/admin/`);
  if (env.secureCookies) console.log('  Cookie đăng nhập chỉ gửi qua HTTPS (COOKIE_SECURE=1).');
  for (const line of server.ctx.printer.describe()) console.log(`  Máy in (printer):          ${line}`);
  if (server.seeded) {
    console.log('\nĐã tạo văn phòng mẫu. Tài khoản (chỉ in một lần – hãy ghi lại và đổi mật khẩu):');
    for (const c of server.seeded) console.log(`  ${c.role.padEnd(7)} ${c.username.padEnd(8)} ${c.password}   (${c.name})`);
  }
  const stop = async (signal: string) => {
    console.log(`\n${signal}: đang dừng…`);
    log.info({ signal }, 'server stopping');
    await server.close();
    await stopLogFile();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Records a fatal error in the log (and its file), then exits for the supervisor to restart the server. */
function exitAfterLog(e: unknown, what: string): void {
  log.fatal({ err: e }, what);
  setTimeout(() => process.exit(1), 2000).unref();
  void stopLogFile().finally(() => process.exit(1));
}

// Under deploy/supervise.mjs, a warm spare waits here with every module loaded.
whenActivated(() => {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    exitAfterLog(e, 'server failed to start');
  });
});
