import { resolve } from 'node:path';
import { createQuaySo } from './app';
import { readEnv } from './config/env';

/** `npm start`: the office server on its embedded defaults, configured by environment variables. */
async function main() {
  const env = readEnv(process.env);
  const server = await createQuaySo({
    dataDir: env.dataDir,
    adminPassword: env.adminPassword,
    printer: env.printer,
    publicUrl: env.publicUrl,
    secureCookies: env.secureCookies,
  });
  const url = await server.listen(env.port, env.host);
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
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
