/** Satisfaction ratings: the service, tablet pairing and the button box (docs/ratings.md). */
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { ConfigRepo } from '../configRepo';
import type { QueueService } from '../queue';
import type { OpenPort } from '../../../drivers/card-reader/serial';
import { RatingService } from './ratingService';
import { RatingDevices } from './pairing';
import { RatingButtons } from './buttons';

export interface Ratings {
  service: RatingService;
  devices: RatingDevices;
  buttons: RatingButtons;
  close(): Promise<void>;
}

export function createRatings(deps: {
  db: Db;
  config: ConfigRepo;
  queue: QueueService;
  clock: Clock;
  buttonsPath?: string;
  openPort?: OpenPort;
}): Ratings {
  const service = new RatingService(deps.db, deps.config, deps.queue, deps.clock);
  const devices = new RatingDevices(deps.db, deps.config, deps.clock);
  const buttons = new RatingButtons(service, deps.config, { envPath: deps.buttonsPath, openPort: deps.openPort });
  return { service, devices, buttons, close: () => buttons.stop() };
}

export { RatingService, alreadyRated } from './ratingService';
export { RatingDevices, hashToken, PAIRING_TTL_MS } from './pairing';
export { RatingButtons } from './buttons';
export { readRatingsSettings, ratingsSettingsSchema, scaleView } from './settings';
