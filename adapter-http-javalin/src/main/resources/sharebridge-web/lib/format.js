/*
 * How names, sizes and dates read on both pages. shown() writes bidirectional controls out
 * visibly: U+202E makes "invoice\u202Efdp.exe" read as "invoiceexe.pdf", shown it reads
 * "invoice[U+202E]fdp.exe", so a name that already has them can never look like another.
 * Every helper that puts text into a page uses it; names used in addresses stay as they are.
 */

var BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text as shown in the page: each bidirectional control written out as [U+XXXX]. */
export function shown(text) {
  return String(text).replace(BIDI, function (c) {
    return '[U+' + c.charCodeAt(0).toString(16).toUpperCase() + ']';
  });
}

/** A size in bytes for people, in powers of 1000: "12 bytes", "1.5 KB", "20 MB"; '' if not a number. */
export function humanSize(n) {
  if (typeof n !== 'number') { return ''; }
  var units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  var i = 0;
  var v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return (i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[i];
}

/** An ISO instant in the browser's locale and time zone; '' if there is none or it is not a date. */
export function when(iso) {
  if (!iso) { return ''; }
  var d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toLocaleString();
}
