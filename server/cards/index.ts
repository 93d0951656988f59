/**
 * The server's chip-card side, built once per app: storage, the reader service, staff
 * access, and the periodic purge. See docs/card-reader.md.
 */
import type { Db } from '../db/database';
import type { Clock } from '../domain/clock';
import type { ConfigRepo } from '../domain/configRepo';
import type { QueueService } from '../domain/queue';
import { CitizenAccess } from './citizenAccess';
import { CitizenRepo } from './citizenRepo';
import { CardService, type CardLog } from './cardService';
import type { ReaderEnv, ReaderFactoryOptions } from './readerFactory';
import { loadInstallationSecret } from './secret';

export interface Cards {
  service: CardService;
  access: CitizenAccess;
  /** Runs the retention purge now and again at most once a day (call it from a timer). */
  purgeIfDue(): void;
  close(): Promise<void>;
}

export interface CardsOptions {
  db: Db;
  config: ConfigRepo;
  queue: QueueService;
  clock: Clock;
  dataDir: string;
  env?: ReaderEnv;
  factory?: ReaderFactoryOptions;
  sessionTtlMs?: number;
  log?: CardLog;
  /** Open dossiers of a known citizen (the kiosk greeting says how many). */
  openDossiers?: (citizenId: number) => number;
}

const DAY_MS = 86_400_000;

export function createCards(o: CardsOptions): Cards {
  const secret = loadInstallationSecret(o.dataDir);
  const repo = new CitizenRepo(o.db);
  const service = new CardService({
    repo,
    config: o.config,
    queue: o.queue,
    clock: o.clock,
    secret,
    env: o.env,
    factory: o.factory,
    sessionTtlMs: o.sessionTtlMs,
    log: o.log,
    openDossiers: o.openDossiers,
  });
  const access = new CitizenAccess(repo, o.config, o.queue, o.clock, secret);
  let lastPurge = -Infinity;
  return {
    service,
    access,
    purgeIfDue: () => {
      const now = o.clock.now().getTime();
      if (now - lastPurge < DAY_MS) return;
      lastPurge = now;
      access.purge();
    },
    close: () => service.close(),
  };
}

export { CardService } from './cardService';
export { CitizenAccess } from './citizenAccess';
