/**
 * Save a workbook the core returned as base64 where the user chooses: a download of the bytes (the browser's
 * save; in Electron the save dialog). Used by the grid export, the filing pack and the ledgers.
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function saveWorkbook(fileName: string, dataBase64: string): void {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the download has the bytes once it has started; keep the URL a while for a slow save dialog
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
