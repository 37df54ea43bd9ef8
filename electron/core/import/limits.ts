/**
 * Limits that keep a hostile or broken file from hanging or exhausting the app. Each error message names the
 * limit, so the user knows what to change (split the file, save it again, shorten a cell).
 */

/** The largest file read at all (the file itself, before unpacking). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** An .xlsx is a zip: at most this many entries … */
export const MAX_ZIP_ENTRIES = 5000;
/** … each unpacking to at most this much … */
export const MAX_ENTRY_BYTES = 400 * 1024 * 1024;
/** … and all together to at most this much. */
export const MAX_UNPACKED_BYTES = 800 * 1024 * 1024;
/** A packed entry larger than 1 MB unpacking more than this many times its size is a zip bomb. */
export const MAX_RATIO = 1000;
/** Data rows read from one sheet; a longer sheet is refused with the advice to split it. */
export const MAX_ROWS = 200_000;
/** Columns read from one row. */
export const MAX_COLUMNS = 200;
/** A run of this many empty rows ends the sheet (a sheet formatted down to row 1,048,576 has nothing below). */
export const MAX_EMPTY_RUN = 1000;
/** Excel's own limit on the text of one cell; a longer cell rejects its row. */
export const MAX_CELL_CHARS = 32_767;
/** Rows searched for the header row. */
export const HEADER_SEARCH_ROWS = 30;
/** Rows shown in the preview as they will be stored. */
export const PREVIEW_ROWS = 20;
/** Rejected and skipped rows listed in one report (the counts are always complete). */
export const MAX_REPORTED = 2000;

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
