/**
 * The office's rating button box (drivers/rating-buttons): opened on the port of
 * settings.ratings.buttons (or RATING_BUTTONS, which wins), reopened when the settings
 * change, and each press recorded as a rating with source 'buttons'.
 */
import { ButtonBox, type ButtonBoxState } from '../../../drivers/rating-buttons';
import type { OpenPort } from '../../../drivers/card-reader/serial';
import type { RatingButtonsState } from '../../../shared/ratings';
import { DomainError } from '../errors';
import type { ConfigRepo } from '../configRepo';
import { errorMessage, log } from '../../log';
import type { RatingService } from './ratingService';

export interface ButtonsOptions {
  /** RATING_BUTTONS: a serial port that overrides the settings ('' or unset = use them). */
  envPath?: string;
  openPort?: OpenPort;
}

interface Target {
  path: string;
  baudRate: number;
  heartbeatMs: number;
  debounceMs: number;
}

export class RatingButtons {
  private box: ButtonBox | null = null;
  private target: Target | null = null;

  constructor(
    private readonly ratings: RatingService,
    private readonly config: ConfigRepo,
    private readonly opts: ButtonsOptions = {},
  ) {}

  private wanted(): Target | null {
    const b = this.ratings.settings().buttons;
    const path = this.opts.envPath?.trim() || b.path;
    if (!path) return null;
    return { path, baudRate: b.baudRate, heartbeatMs: b.heartbeatSeconds * 1000, debounceMs: b.debounceMs };
  }

  /** Opens (or reopens) the box as the settings say; closes it when none is set. Never throws. */
  async start(): Promise<void> {
    const want = this.config.hasOffice() ? this.wanted() : null;
    if (JSON.stringify(want) === JSON.stringify(this.target)) return;
    await this.stop();
    this.target = want;
    if (!want) return;
    const box = new ButtonBox({ ...want, openPort: this.opts.openPort });
    box.onPress((p) => this.press(p.counter, p.level));
    box.on((e) => {
      switch (e.type) {
        case 'connected':
          log.info({ path: want.path }, 'rating button box connected');
          break;
        case 'disconnected':
          log.warn({ path: want.path, reason: e.reason }, 'rating button box disconnected');
          break;
        case 'rejected':
          log.warn({ reason: e.reason }, 'rating button box line ignored');
          break;
        case 'box-online':
          log.info({ box: e.box }, 'rating button box online (heartbeats arriving)');
          break;
        case 'box-offline':
          log.warn({ box: e.box }, 'rating button box missed 3 heartbeats');
          break;
        case 'debounced':
          break;
      }
    });
    this.box = box;
    box.start();
  }

  async stop(): Promise<void> {
    const box = this.box;
    this.box = null;
    this.target = null;
    if (box) await box.close();
  }

  /** A press from the box: counter NUMBER and position on the scale (1 = best). */
  press(counterNumber: number, position: number): boolean {
    const counter = this.config.counters().find((c) => c.number === counterNumber);
    const level = this.ratings.levelAt(position);
    if (!counter || !level) {
      log.warn({ counter: counterNumber, position }, 'rating button press refused: unknown counter or level off the scale');
      return false;
    }
    try {
      this.ratings.rate({ counterId: counter.id, level, source: 'buttons' });
      return true;
    } catch (e) {
      if (e instanceof DomainError) log.info({ counter: counterNumber, code: e.code }, 'rating button press refused');
      else log.error({ err: errorMessage(e) }, 'rating button press failed');
      return false;
    }
  }

  raw(): ButtonBoxState | null {
    return this.box?.state() ?? null;
  }

  state(): RatingButtonsState {
    const s = this.box?.state();
    return {
      configured: this.target !== null,
      path: this.target?.path ?? null,
      connected: s?.connected ?? false,
      lastError: s?.lastError ?? null,
      boxes: s?.boxes ?? [],
      counts: s?.counts ?? { presses: 0, debounced: 0, rejected: 0 },
    };
  }

  /** For /api/health: codes only, no path. */
  health(): { configured: boolean; connected: boolean; boxesOnline: number; boxesOffline: number; faults: string[] } {
    const s = this.state();
    const faults: string[] = [];
    if (s.configured && !s.connected) faults.push('offline');
    if (s.boxes.some((b) => !b.online)) faults.push('box_offline');
    return {
      configured: s.configured,
      connected: s.connected,
      boxesOnline: s.boxes.filter((b) => b.online).length,
      boxesOffline: s.boxes.filter((b) => !b.online).length,
      faults,
    };
  }
}
