import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../shared/web/api';
import { useDraft, useLoad, useSaver, type Saver } from './hooks';
import { Bi, EditForm, Loading, SectionHead } from './form';

export interface Column<Row> {
  label: string;
  en: string;
  cell: (row: Row) => ComponentChildren;
  /** 'num' right-aligns the column; 'nowrap' keeps short values on one line. */
  kind?: 'num' | 'nowrap';
}

/** A row of a configuration list; `version` is raised by every save. */
export interface VersionedRow {
  id: number;
  active: boolean;
  version?: number;
}

export interface CrudConfig<Row extends VersionedRow, D extends object> {
  /** The admin API collection: GET and POST here, PUT at `${path}/:id`. */
  path: string;
  title: string;
  en: string;
  intro: ComponentChildren;
  /** What one row is called: "lĩnh vực" / "field". */
  noun: string;
  nounEn: string;
  blank: () => D;
  toDraft: (row: Row) => D;
  toBody: (draft: D, isNew: boolean) => object;
  rowName: (row: Row) => string;
  columns: Column<Row>[];
  renderForm: (draft: D, set: (patch: Partial<D>) => void, isNew: boolean) => ComponentChildren;
}

type Selection = { kind: 'new' } | { kind: 'edit'; id: number } | null;

/**
 * A configuration list (fields, counters, officers, priority categories): the rows in a
 * table, and a form to add one or edit the chosen one. Nothing is deleted: rows are
 * deactivated. After a save the list is reloaded and the saved row stays open.
 */
export function CrudSection<Row extends VersionedRow, D extends object>(props: CrudConfig<Row, D>) {
  const { path, noun, nounEn } = props;
  const list = useLoad<Row[]>(path);
  const saver = useSaver(list.reload);
  const [sel, setSel] = useState<Selection>(null);
  const rows = list.data ?? [];
  const selected = sel?.kind === 'edit' ? rows.find((r) => r.id === sel.id) : undefined;

  const select = (next: Selection) => {
    saver.clear();
    setSel(next);
  };
  const save = (draft: D) => {
    const isNew = sel?.kind !== 'edit';
    const body = props.toBody(draft, isNew);
    void saver.run(async () => {
      // An edit sends the version it was based on: the server refuses it (409) if someone saved since.
      const saved = await api<Row>(
        isNew ? 'POST' : 'PUT',
        sel?.kind === 'edit' ? `${path}/${sel.id}` : path,
        isNew ? body : { ...body, version: selected?.version },
      );
      await list.reload();
      setSel({ kind: 'edit', id: saved.id });
    });
  };

  return (
    <section>
      <SectionHead title={props.title} en={props.en}>
        {props.intro}
      </SectionHead>
      {!list.data ? (
        <Loading error={list.error} onRetry={() => void list.reload()} />
      ) : (
        <div class="crud">
          <div class="crud-list">
            <div class="crud-tools">
              <button type="button" class="btn btn-primary" data-testid="crud-add" onClick={() => select({ kind: 'new' })}>
                + Thêm {noun} <span class="en">Add {nounEn}</span>
              </button>
              {list.error && <span class="status-error">{list.error}</span>}
            </div>
            <RowTable rows={rows} columns={props.columns} selectedId={selected?.id ?? null} rowName={props.rowName} onEdit={(id) => select({ kind: 'edit', id })} />
          </div>
          <div class="crud-editor panel">
            {sel === null || (sel.kind === 'edit' && !selected) ? (
              <p class="muted">
                Chọn “Sửa” ở một dòng, hoặc bấm “Thêm {noun}”. <span class="en">Pick a row to edit, or add one.</span>
              </p>
            ) : (
              <>
                <h2>
                  {selected ? (
                    <Bi vi={`Sửa ${noun}: ${props.rowName(selected)}`} en={`Edit ${nounEn}`} />
                  ) : (
                    <Bi vi={`Thêm ${noun}`} en={`New ${nounEn}`} />
                  )}
                </h2>
                <RowEditor
                  key={`${selected?.id ?? 'new'}-${list.version}`}
                  initial={selected ? props.toDraft(selected) : props.blank()}
                  isNew={!selected}
                  saver={saver}
                  onSave={save}
                  onCancel={() => select(null)}
                  renderForm={props.renderForm}
                />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

interface TableProps<Row extends { id: number; active: boolean }> {
  rows: Row[];
  columns: Column<Row>[];
  selectedId: number | null;
  rowName: (row: Row) => string;
  onEdit: (id: number) => void;
}

function RowTable<Row extends { id: number; active: boolean }>({ rows, columns, selectedId, rowName, onEdit }: TableProps<Row>) {
  return (
    <table class="rows">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} class={c.kind}>
              {c.label}
              <span class="en">{c.en}</span>
            </th>
          ))}
          <th>
            Trạng thái<span class="en">Status</span>
          </th>
          <th>
            <span class="sr-only">Sửa</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-id={r.id} class={`${r.id === selectedId ? 'selected' : ''}${r.active ? '' : ' inactive'}`}>
            {columns.map((c) => (
              <td key={c.label} class={c.kind}>
                {c.cell(r)}
              </td>
            ))}
            <td>{r.active ? <span class="pill pill-on">Đang dùng</span> : <span class="pill pill-off">Ngừng dùng</span>}</td>
            <td>
              <button type="button" class="btn btn-small" aria-label={`Sửa ${rowName(r)}`} onClick={() => onEdit(r.id)}>
                Sửa <span class="en">Edit</span>
              </button>
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length + 2} class="muted">
              Chưa có mục nào. <span class="en">Nothing yet.</span>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

interface EditorProps<D extends object> {
  initial: D;
  isNew: boolean;
  saver: Saver;
  onSave: (draft: D) => void;
  onCancel: () => void;
  renderForm: (draft: D, set: (patch: Partial<D>) => void, isNew: boolean) => ComponentChildren;
}

function RowEditor<D extends object>({ initial, isNew, saver, onSave, onCancel, renderForm }: EditorProps<D>) {
  const [draft, set] = useDraft(initial);
  return (
    <EditForm
      saver={saver}
      onSave={() => onSave(draft)}
      saveLabel={isNew ? { vi: 'Thêm', en: 'Create' } : { vi: 'Lưu', en: 'Save' }}
      testId="crud-form"
      actions={
        <button type="button" class="btn" onClick={onCancel}>
          Đóng <span class="en">Close</span>
        </button>
      }
    >
      {renderForm(draft, set, isNew)}
    </EditForm>
  );
}
