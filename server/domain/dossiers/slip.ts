/**
 * The receipt slip of a dossier ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), in words: the
 * same data prints on the ticket printer (drivers/printer/receipt.ts) and shows as the A4/A5
 * page /slip/?code=… (GET /api/dossiers/:code/slip).
 */
import type { ReceiptSlip } from '../../../drivers/printer/receipt';
import { CHANNEL_LABELS, DOCUMENT_FORMS, DOCUMENT_FORM_LABELS, type DocumentForm, type ProcessingTime } from '../../../shared/catalogue';
import type { StaffDossier } from '../../../shared/dossiers';
import { pad2, zonedParts } from '../../../shared/zonedTime';
import { readPrinterSettings } from '../../config/officeSettings';
import type { Db } from '../../db/database';
import type { ConfigRepo } from '../configRepo';

export type { ReceiptSlip } from '../../../drivers/printer/receipt';

/** "HH:mm ngày dd/MM/yyyy" in the office's zone, as the slip prints times. */
export function formatSlipTime(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad2(p.hour)}:${pad2(p.minute)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "Trong ngày", "5 ngày làm việc", "8 giờ làm việc". */
export function processingTimeText(t: ProcessingTime | null): string {
  if (!t) return '';
  if (t.unit === 'same_day') return 'Trong ngày';
  return `${t.value} ${t.unit === 'working_days' ? 'ngày làm việc' : 'giờ làm việc'}`;
}

/** A document form key in words; text that is not a key is printed as it is. */
export function formLabel(form: string): string {
  return (DOCUMENT_FORMS as readonly string[]).includes(form) ? DOCUMENT_FORM_LABELS[form as DocumentForm].vi : form;
}

/** The public address of a dossier's status page: `<base>/h/<code>`. */
export function dossierUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/h/${encodeURIComponent(code)}`;
}

/** The slip of a dossier, with the office's name and header lines and the receiving officer. */
export function buildSlip(
  d: StaffDossier,
  o: { db: Db; config: ConfigRepo; baseUrl: string; processingTime: ProcessingTime | null },
): ReceiptSlip {
  const office = o.config.office();
  const officerName = d.receivedBy
    ? ((o.db.prepare('SELECT name FROM officers WHERE id = ?').pluck().get(d.receivedBy) as string | undefined) ?? '')
    : '';
  const counter = d.counterId
    ? (o.db.prepare('SELECT number, name FROM counters WHERE id = ?').get(d.counterId) as { number: number; name: string } | undefined)
    : undefined;
  return {
    headerLines: readPrinterSettings(office.settings).headerLines ?? [],
    unitName: office.name,
    code: d.code,
    qrUrl: dossierUrl(o.baseUrl, d.code),
    applicantName: d.applicantName,
    applicantPhone: d.applicantPhone,
    applicantAddress: d.applicantAddress,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    channel: CHANNEL_LABELS[d.channel].vi,
    documents: d.documents.map((x) => ({ name: x.name, form: formLabel(x.form), copies: x.copies })),
    sets: d.sets,
    processingTime: processingTimeText(o.processingTime),
    receivedAt: formatSlipTime(d.receivedAt, office.timeZone),
    dueAt: d.dueAt ? formatSlipTime(d.dueAt, office.timeZone) : null,
    collectAt: d.collectAt,
    officerName,
    counterName: counter ? (/^qu[aầ]y\b/iu.test(counter.name) ? counter.name : `Quầy ${counter.number}`) : '',
  };
}
