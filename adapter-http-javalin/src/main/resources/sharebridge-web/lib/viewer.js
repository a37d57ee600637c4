/*
 * The viewer of both pages: a dialog that shows one previewable file (docs/webapp.md, "Viewer"):
 * an image, a PDF in a frame, a video or an audio file with its controls, or text in a <pre>
 * (always as text, never as HTML). The file comes from a URL of our origin (the share page's
 * inline download) or from a Blob the caller fetched (the owners' app, which needs its bearer
 * header). What the server sends inline is the server's choice: this only shows it.
 */
import { el } from './dom.js';
import { shown } from './format.js';

/** Text is shown up to this many bytes (a Range request; the rest is left to the download). */
export var TEXT_LIMIT = 1024 * 1024;

var dialog = null;
var objectUrl = null;

function ensureDialog() {
  if (dialog) { return dialog; }
  dialog = el('dialog', 'dialog viewer');
  dialog.id = 'viewer';
  dialog.setAttribute('aria-labelledby', 'viewer-title');
  var head = el('div', 'dialog-head');
  var title = el('h2', 'name');
  title.id = 'viewer-title';
  var close = el('button', 'button small', 'Close');
  close.type = 'button';
  close.id = 'viewer-close';
  close.addEventListener('click', function () { dialog.close(); });
  head.appendChild(title);
  head.appendChild(close);
  var body = el('div', 'viewer-body');
  body.id = 'viewer-body';
  dialog.appendChild(head);
  dialog.appendChild(body);
  dialog.addEventListener('close', clear);
  document.body.appendChild(dialog);
  return dialog;
}

function clear() {
  var body = document.getElementById('viewer-body');
  if (body) { body.textContent = ''; } // stops a playing video
  if (objectUrl) { URL.revokeObjectURL(objectUrl); objectUrl = null; }
}

function media(kind, url, name) {
  var e;
  if (kind === 'image') {
    e = el('img', 'viewer-image');
    e.alt = shown(name);
  } else if (kind === 'pdf') {
    e = el('iframe', 'viewer-pdf');
    e.title = shown(name);
  } else {
    e = el(kind === 'video' ? 'video' : 'audio', 'viewer-' + kind);
    e.controls = true;
    e.preload = 'metadata';
  }
  e.src = url;
  return e;
}

function showText(body, textPromise) {
  var pre = el('pre', 'viewer-text');
  pre.setAttribute('tabindex', '0');
  pre.textContent = 'Loading…';
  body.appendChild(pre);
  textPromise.then(function (text) {
    pre.textContent = text; // textContent: the text is never parsed as HTML
  }, function () {
    pre.textContent = 'This file could not be loaded.';
  });
}

function textOfUrl(url) {
  var headers = { Range: 'bytes=0-' + (TEXT_LIMIT - 1) };
  return fetch(url, { credentials: 'same-origin', headers: headers, cache: 'no-store' }).then(function (res) {
    if (!res.ok) { throw new Error('status ' + res.status); }
    return res.text();
  });
}

/**
 * Opens the viewer for a file called name that previews as kind ('image', 'pdf', 'video',
 * 'audio' or 'text'), from source: {url} (an inline URL of our origin) or {blob: function
 * returning a Promise of a Blob}.
 */
export function openViewer(name, kind, source) {
  var d = ensureDialog();
  clear();
  document.getElementById('viewer-title').textContent = shown(name);
  var body = document.getElementById('viewer-body');
  body.setAttribute('data-kind', kind);
  if (source.url) {
    if (kind === 'text') { showText(body, textOfUrl(source.url)); } else { body.appendChild(media(kind, source.url, name)); }
  } else if (kind === 'text') {
    showText(body, source.blob().then(function (b) { return b.slice(0, TEXT_LIMIT).text(); }));
  } else {
    source.blob().then(function (b) {
      if (!d.open) { return; }
      objectUrl = URL.createObjectURL(b);
      body.appendChild(media(kind, objectUrl, name));
    }, function () {
      body.appendChild(el('p', 'error', 'This file could not be loaded.'));
    });
  }
  if (!d.open) { d.showModal(); }
  document.getElementById('viewer-close').focus();
}
