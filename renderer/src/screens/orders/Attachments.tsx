/**
 * Attachments of one record (order, shipment, claim, product, import): photos of samples and goods, scans of
 * signed vouchers and contracts, kept inside the company file. Used as <Attachments entity="order" entityId={12} />.
 *
 * Add with the button or by dropping files on the panel; a file over the limit is refused here, before it is
 * read, with a message that names it (the core refuses it too). Images show as thumbnails (data: URLs, which
 * the page's CSP allows for images); a click opens the picture, "Download" saves the file.
 */
import { useAccess } from '../../access';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../../../shared/trade';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { rememberFocus } from '../../components/dialogKeys';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import './orders.css';

export interface AttachmentsProps {
  entity: Attachment['entity'];
  entityId: number;
}

const MB = 1024 * 1024;
const MIME_RE = /^[a-z]+\/[a-z0-9.+-]+$/i;

/** "820 B", "14.2 KB", "3.4 MB" (display only). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The size in a refusal: exact bytes where one decimal would round it down to the limit ("10.0 MB" of a 10 MB limit). */
function overLimitText(bytes: number): string {
  const mb = Math.round((bytes / MB) * 10) / 10;
  return mb * MB > MAX_ATTACHMENT_BYTES ? `${mb.toFixed(1)} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

const isImage = (a: Pick<Attachment, 'mime'>) => /^image\/(png|jpe?g|gif|webp|bmp)$/i.test(a.mime);

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The file's bytes as base64 (FileReader gives a data: URL; the part after the comma). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function Attachments({ entity, entityId }: AttachmentsProps) {
  const { t } = useTranslation();
  const { isClerk } = useAccess();
  const notify = useNotify();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [thumbs, setThumbs] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Attachment | null>(null);
  const [preview, setPreview] = useState<{ name: string; url: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setItems(await call('attachments.list', { entity, entityId }));
    } catch (e) {
      notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
      setItems([]);
    }
  }, [entity, entityId, notify, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // thumbnails of the images, one call each, as they are listed
  useEffect(() => {
    if (!items) return;
    let live = true;
    const missing = items.filter((a) => isImage(a) && thumbs[a.id] === undefined);
    void (async () => {
      for (const a of missing) {
        try {
          const full = await call('attachments.get', { id: a.id });
          if (!live) return;
          setThumbs((m) => ({ ...m, [a.id]: `data:${full.mime};base64,${full.dataBase64}` }));
        } catch {
          if (live) setThumbs((m) => ({ ...m, [a.id]: '' }));
        }
      }
    })();
    return () => {
      live = false;
    };
    // thumbs is read to skip what is loaded; listing again is what triggers this
  }, [items]);

  async function add(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        notify.error(t('attachments.tooLarge', { name: file.name, size: overLimitText(file.size), max: MAX_ATTACHMENT_BYTES / MB }));
        continue;
      }
      if (file.size === 0) {
        notify.error(t('attachments.empty', { name: file.name }));
        continue;
      }
      setBusy(file.name);
      try {
        const dataBase64 = await readBase64(file);
        const mime = MIME_RE.test(file.type) ? file.type : 'application/octet-stream';
        const added = await call('attachments.add', { entity, entityId, fileName: file.name.replace(/[\\/]/g, '_'), mime, dataBase64 });
        setItems((list) => [...(list ?? []), added]);
        notify.success(t('attachments.added', { name: file.name }));
      } catch (e) {
        notify.error(t('attachments.addFailed', { name: file.name, message: describeError(t, e) }));
      } finally {
        setBusy(null);
      }
    }
  }

  async function download(a: Attachment) {
    try {
      const full = await call('attachments.get', { id: a.id });
      const link = document.createElement('a');
      link.href = `data:${full.mime};base64,${full.dataBase64}`;
      link.download = a.fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
    } catch (e) {
      notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
    }
  }

  async function remove(a: Attachment) {
    setConfirm(null);
    try {
      await call('attachments.delete', { id: a.id });
      setItems((list) => (list ?? []).filter((x) => x.id !== a.id));
      notify.success(t('common.deleted', { name: a.fileName }));
    } catch (e) {
      notify.error(t('errors.deleteFailed', { message: describeError(t, e) }));
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) void add(e.dataTransfer.files);
  }

  return (
    <section
      className={`attachments${dragging ? ' is-dragging' : ''}`}
      aria-labelledby={`attachments-${entity}-${entityId}`}
      data-testid="attachments"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="attachments-head">
        <h2 id={`attachments-${entity}-${entityId}`}>{t('attachments.title')}</h2>
        <button type="button" data-action="add-attachment" disabled={busy !== null} onClick={() => inputRef.current?.click()}>
          + {t('attachments.add')}
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          name="attachment-file"
          data-testid="attachment-input"
          onChange={(e) => {
            const files = e.target.files;
            if (files && files.length > 0) void add(Array.from(files));
            e.target.value = '';
          }}
        />
        <span className="attachments-hint">{busy ? t('attachments.uploading', { name: busy }) : t('attachments.hint', { max: MAX_ATTACHMENT_BYTES / MB })}</span>
      </div>
      {items && items.length === 0 && <p className="empty-hint">{t('attachments.none')}</p>}
      {items && items.length > 0 && (
        <ul className="attachment-list">
          {items.map((a) => (
            <li key={a.id} className="attachment" data-attachment={a.fileName}>
              {isImage(a) ? (
                <button
                  type="button"
                  className="thumb"
                  title={t('attachments.view')}
                  onClick={() => thumbs[a.id] && setPreview({ name: a.fileName, url: thumbs[a.id] ?? '' })}
                >
                  {thumbs[a.id] ? <img src={thumbs[a.id]} alt={a.fileName} /> : <span className="thumb-wait">…</span>}
                </button>
              ) : (
                <span className="thumb file-icon" aria-hidden="true">
                  {(a.fileName.split('.').pop() ?? '').slice(0, 4).toUpperCase() || 'FILE'}
                </span>
              )}
              <div className="attachment-meta">
                <span className="attachment-name" title={a.fileName}>
                  {a.fileName}
                </span>
                <span className="muted">
                  {sizeText(a.size)} · {localTime(a.createdAt)}
                </span>
              </div>
              <div className="attachment-actions">
                <button type="button" className="link-button" onClick={() => void download(a)}>
                  {t('attachments.download')}
                </button>
                {!isClerk && (
                  <button type="button" className="link-button danger-link" onClick={() => setConfirm(a)}>
                    {t('common.delete')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <ConfirmDialog
          text={t('attachments.confirmDelete', { name: confirm.fileName })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={() => void remove(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
      {preview && <ImagePreview name={preview.name} url={preview.url} onClose={() => setPreview(null)} />}
    </section>
  );
}

function ImagePreview({ name, url, onClose }: { name: string; url: string; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const restore = rememberFocus();
    ref.current?.focus();
    return restore;
  }, []);
  return (
    <div
      className="modal-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label={name}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onClose())}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <figure className="image-preview">
        <img src={url} alt={name} />
        <figcaption>
          <span>{name}</span>
          <button type="button" ref={ref} onClick={onClose}>
            {t('common.close')}
          </button>
        </figcaption>
      </figure>
    </div>
  );
}
