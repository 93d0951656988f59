import express from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from './db/database';
import { startCheckpointer } from './db/checkpointer';
import { OfficerRepo } from './auth/officerRepo';
import { AuditLog } from './audit/auditLog';
import { passwordChangeGate } from './auth/passwordGate';
import { systemClock, type Clock } from './domain/clock';
import { ConfigRepo } from './domain/configRepo';
import { QueueEvents } from './domain/events';
import { QueueService } from './domain/queue';
import { seedDemoOffice, type SeedCredentials } from './domain/seed';
import { sessionMiddleware } from './http/auth';
import type { AppContext } from './http/context';
import { apiNotFound, errorHandler } from './http/errors';
import { requireJsonBody } from './http/requireJson';
import { adminRoutes } from './http/routes/admin';
import { logRoutes } from './http/routes/logs';
import { authRoutes } from './http/routes/auth';
import { counterRoutes } from './http/routes/counters';
import { publicRoutes } from './http/routes/public';
import { attachRealtime } from './realtime/socket';
import { officeInfo } from './domain/snapshot';
import { PrintService } from './printing/printService';
import { BackupService } from './ops/backupService';
import { acquireServerLock } from './ops/serverLock';
import { backupRoutes } from './http/routes/backups';
import { errorMessage, log } from './log';
import { createCards } from './cards';
import { loadCscas } from './cards/csca';
import { cardAdminRoutes, cardCounterRoutes } from './cards/routes';
import { attachKioskCards } from './realtime/kioskCards';
import type { ReaderEnv } from './cards/readerFactory';
import { createRatings } from './domain/ratings';
import { ratingAdminRoutes, ratingRoutes } from './http/routes/ratings';
import { attachRatingTablets } from './realtime/rating';
import { createDossierSync } from './domain/dossiers/syncImport';
import { syncRoutes } from './http/routes/sync';
import { PublicDossierLookup } from './domain/dossiers/publicLookup';
import { dossierLookupRoutes } from './http/routes/dossierLookup';
import { DossierService } from './domain/dossiers/dossierService';
import { ReportService } from './domain/reports/reportService';
import { reportRoutes } from './http/routes/reports';
import { dossierRoutes } from './http/routes/dossiers';
import { ProcedureRepo } from './domain/catalogue/procedureRepo';
import { WorkingCalendar } from './domain/calendar/workingCalendar';
import { seedDemoCatalogue } from './domain/catalogue/seedCatalogue';
import { catalogueAdminRoutes, cataloguePublicRoutes } from './http/routes/catalogue';

const logReloadError = (e: unknown) => log.error({ err: errorMessage(e) }, 'printer reload failed');

/** API paths (below /api) whose JSON bodies may be up to 8 MB: file imports and the sync API. */
export const BIG_BODY_PATHS = /^\/(admin\/imports|sync)\//;

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built apps; QS_WEB_DIR points elsewhere (a second build beside the usual one, for parallel work). */
export const WEB_DIR = process.env.QS_WEB_DIR ? resolve(process.env.QS_WEB_DIR) : join(ROOT_DIR, 'dist', 'web');

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  adminPassword?: string;
  /** Seed the demo office when the database has none (default true). */
  seedDemo?: boolean;
  secureCookies?: boolean;
  /** Printer URI (tcp://host:9100, /dev/usb/lp0, simulated); overrides the office settings. */
  printer?: string;
  /** Base URL phones use to reach this server (QR codes on tickets). */
  publicUrl?: string;
  /** CARD_READER / QR_SCANNER: serial ports that override settings.cardReaders. */
  cardReaders?: ReaderEnv;
}

export interface QuaySoApp {
  ctx: AppContext;
  db: Db;
  app: express.Express;
  httpServer: HttpServer;
  /** Credentials of the seeded demo accounts; only on the first start. */
  seeded: SeedCredentials[] | null;
  /** Every API route (method and full path), for the route audit test and docs. */
  routes(): { method: string; path: string }[];
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the whole server (database, domain, HTTP, socket.io) without listening yet. */
export async function createQuaySo(opts: AppOptions): Promise<QuaySoApp> {
  const clock = opts.clock ?? systemClock;
  const dbFile = join(opts.dataDir, 'quayso.db');
  const db = openDatabase(dbFile);
  // Tells `npm run restore` that a server uses this folder (removed on close; stale after kill -9).
  const lock = acquireServerLock(opts.dataDir);
  const checkpointer = startCheckpointer(db, dbFile);
  const config = new ConfigRepo(db);
  const officers = new OfficerRepo(db, clock);
  const events = new QueueEvents();
  const queue = new QueueService(db, config, clock, events);
  let seeded: SeedCredentials[] | null = null;
  if (!config.hasOffice() && opts.seedDemo !== false) {
    seeded = await seedDemoOffice(config, officers, opts.adminPassword);
  }
  const procedures = new ProcedureRepo(db, clock);
  const calendar = new WorkingCalendar(db, config);
  if (seeded) seedDemoCatalogue(procedures, calendar, config, clock);
  const printer = new PrintService(db, config, clock, {
    printer: opts.printer,
    publicUrl: opts.publicUrl,
    outputDir: join(opts.dataDir, 'printed'),
  });
  // Loads the logo and logs stored settings that fell back to their defaults; never throws.
  await printer.start();
  const backups = new BackupService(db, config, clock, opts.dataDir);
  await backups.start();
  // The office's trusted CSCA certificates (DATA_DIR/csca/), read once at start.
  const cscas = await loadCscas(join(opts.dataDir, 'csca'));
  for (const p of cscas.problems) log.warn({ file: p.file, reason: p.reason }, 'CSCA certificate skipped');
  const dossierLookup = new PublicDossierLookup(db, config, clock);
  const cards = createCards({
    db,
    config,
    queue,
    clock,
    dataDir: opts.dataDir,
    env: opts.cardReaders,
    factory: { cscas: cscas.certificates },
    openDossiers: (citizenId) => dossierLookup.openForCitizen(citizenId).length,
  });
  await cards.service.start();
  cards.purgeIfDue();
  const ratings = createRatings({ db, config, queue, clock, buttonsPath: process.env.RATING_BUTTONS });
  await ratings.buttons.start();
  // A configuration change reloads the devices whose settings it may have changed.
  events.on((batch) => {
    if (!batch.some((e) => e.type === 'configChanged')) return;
    void printer.reload().catch(logReloadError);
    void cards.service.start().catch((e: unknown) => log.error({ err: errorMessage(e) }, 'card readers reload failed'));
    void ratings.buttons.start().catch((e: unknown) => log.error({ err: errorMessage(e) }, 'rating button box reload failed'));
  });
  const ctx: AppContext = {
    queue,
    config,
    officers,
    audit: new AuditLog(db, clock),
    events,
    clock,
    printer,
    backups,
    cards,
    procedures,
    calendar,
    ratings,
    dossierLookup,
    dossiers: new DossierService(db, config, clock, procedures, calendar),
    dossierSync: createDossierSync(db, config, clock),
    reports: new ReportService(db, config, clock, queue),
    secureCookies: opts.secureCookies ?? false,
    deviceHealth: async () => ({
      ...(await printer.health()),
      backup: backups.health(),
      cardReaders: cards.service.states(),
      cardReaderFaults: cards.service.settingsFaults(),
      csca: { certificates: cscas.certificates.length, skipped: cscas.problems },
      ratingButtons: ratings.buttons.health(),
    }),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Imports (catalogue, dossiers) and the sync API take whole files; every other body is small.
  const bigBodies = express.json({ limit: '8mb' });
  const smallBodies = express.json({ limit: '64kb' });
  const jsonBody: express.RequestHandler = (req, res, next) =>
    (BIG_BODY_PATHS.test(req.path) ? bigBodies : smallBodies)(req, res, next);
  app.use('/api', requireJsonBody, jsonBody, sessionMiddleware(officers), passwordChangeGate);
  const mounts: [string, express.Router][] = [
    ['/api', publicRoutes(ctx)],
    ['/api/auth', authRoutes(ctx)],
    ['/api/admin', adminRoutes(ctx)],
    ['/api/admin', logRoutes()],
    ['/api/admin', backupRoutes(ctx)],
    ['/api', counterRoutes(ctx)],
    ['/api/admin', cardAdminRoutes(ctx)],
    ['/api', cardCounterRoutes(ctx)],
    ['/api', cataloguePublicRoutes(ctx)],
    ['/api/admin', catalogueAdminRoutes(ctx)],
    ['/api', ratingRoutes(ctx)],
    ['/api/admin', ratingAdminRoutes(ctx)],
    ['/api', syncRoutes(ctx)],
    ['/api', dossierLookupRoutes(ctx)],
    ['/api', dossierRoutes(ctx)],
    ['/api/reports', reportRoutes(ctx)],
  ];
  for (const [path, router] of mounts) app.use(path, router);
  app.use('/api', apiNotFound);

  // The built apps (npm run build): /kiosk, /display, /counter, and the phone page /t/<code>.
  app.get('/t/:code', (_req, res) => sendApp(res, 'phone'));
  app.get('/h/:code', (_req, res) => sendApp(res, 'phone'));
  app.get('/p/:code', (_req, res) => sendApp(res, 'phone'));
  app.use(express.static(WEB_DIR, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
  app.use(errorHandler);

  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, ctx);
  const kioskCards = attachKioskCards(realtime.io, cards.service);
  const ratingTablets = attachRatingTablets(realtime.io, ctx);
  const isOpen = () => config.hasOffice() && officeInfo(queue, clock).openNow;
  let openNow = isOpen();
  const timer = setInterval(() => {
    try {
      queue.rolloverIfNeeded();
      officers.purgeExpiredSessions();
      cards.purgeIfDue();
      // Opening hours begin and end without any action: tell kiosks and displays.
      const open = isOpen();
      if (open !== openNow) events.emit([{ type: 'configChanged' }]);
      openNow = open;
      summariseReports();
    } catch (e) {
      log.error({ err: errorMessage(e) }, 'periodic rollover failed');
    }
  }, 30_000);
  timer.unref();
  // Closed days not summarised for the reports yet (after an upgrade, a restore, a day's end)
  // are summarised a slice at a time between other work, from a few seconds after the start.
  function summariseReports() {
    if (!config.hasOffice()) return;
    ctx.reports.summariseRecent().catch((e: unknown) => log.warn({ err: errorMessage(e) }, 'summarising days for the reports failed'));
  }
  const firstSummary = setTimeout(summariseReports, 5_000);
  firstSummary.unref();

  return {
    ctx,
    db,
    app,
    httpServer,
    seeded,
    routes: () => listRoutes(mounts),
    listen: (port, host) =>
      new Promise((resolveUrl, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const a = httpServer.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolveUrl(`http://${h === '0.0.0.0' || h === '[::]' ? 'localhost' : h}:${a.port}`);
        });
      }),
    close: async () => {
      clearInterval(timer);
      clearTimeout(firstSummary);
      await ctx.reports.stop();
      const closed = new Promise<void>((r) => (httpServer.listening ? httpServer.close(() => r()) : r()));
      // Browsers that reconnect while we shut down would otherwise keep the server open.
      httpServer.closeAllConnections();
      kioskCards.close();
      ratingTablets.close();
      await ratings.close();
      await cards.close();
      await realtime.close();
      await printer.close();
      httpServer.closeAllConnections();
      await closed;
      await backups.stop();
      await checkpointer.stop();
      db.close();
      lock.release();
    },
  };
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

function listRoutes(mounts: [string, express.Router][]): { method: string; path: string }[] {
  return mounts.flatMap(([base, router]) =>
    (router.stack as RouteLayer[]).flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => ({ method: m.toUpperCase(), path: base + layer.route!.path }))
        : [],
    ),
  );
}

function noCacheHtml(res: express.Response, path: string) {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

function sendApp(res: express.Response, name: string) {
  const file = join(WEB_DIR, name, 'index.html');
  if (!existsSync(file)) {
    res.status(503).type('text/plain; charset=utf-8').send('Giao diện chưa được build: chạy "npm run build". (Run npm run build.)');
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(file);
}
