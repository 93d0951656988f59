import { api } from '../shared/web/api';
import type { AdminOffice, OfficeDraft } from './types';
import { useLoad, useSaver, type Loaded, type Saver } from './hooks';

export const OFFICE_PATH = '/api/admin/office';

/** The body of PUT /api/admin/office: the whole office, settings included. */
export function officeBody(o: OfficeDraft) {
  return {
    name: o.name,
    agencyCode: o.agencyCode,
    timeZone: o.timeZone,
    dayStart: o.dayStart,
    priorityStreakLimit: o.priorityStreakLimit,
    callOrder: o.callOrder,
    ticketRateLimitPerMinute: o.ticketRateLimitPerMinute,
    defaultServiceMinutes: o.defaultServiceMinutes,
    notice: o.notice,
    settings: o.settings,
    version: o.version ?? undefined,
  };
}

/** The props of a form that edits one part of the office's settings and saves the office. */
export interface OfficeFormProps {
  office: AdminOffice;
  editor: OfficeEditor;
  onSaved: () => void;
}

export interface OfficeEditor {
  office: Loaded<AdminOffice>;
  saver: Saver;
  /** PUTs the office as given, then reloads it from the server. */
  save: (next: OfficeDraft) => Promise<boolean>;
}

/**
 * The office record, for the sections that edit part of it (office, displays, printer):
 * each sends the whole office back with only its own part changed, the rest as loaded.
 */
export function useOffice(): OfficeEditor {
  const office = useLoad<AdminOffice>(OFFICE_PATH);
  const saver = useSaver(office.reload);
  const save = (next: OfficeDraft) =>
    saver.run(async () => {
      await api('PUT', OFFICE_PATH, officeBody(next));
      await office.reload();
    });
  return { office, saver, save };
}
