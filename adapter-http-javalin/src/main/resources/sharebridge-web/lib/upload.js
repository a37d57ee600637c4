/*
 * Uploads with progress, for both pages: files chosen in an input or dropped on an area go up
 * one after the other, each with its row (name, progress bar, status line) in a list, each by
 * one XMLHttpRequest PUT (fetch reports no upload progress). The page says where each file
 * goes and words a refusal.
 */
import { el } from './dom.js';
import { shown } from './format.js';
import { announce } from './messages.js';

function withFiles(fileList, onFiles) {
  var files = Array.prototype.slice.call(fileList || []);
  if (files.length) { onFiles(files); }
}

/** Hands the files chosen in the file input to onFiles, then empties the input for the next choice. */
export function onFilesChosen(input, onFiles) {
  input.addEventListener('change', function () {
    withFiles(input.files, onFiles);
    input.value = '';
  });
}

/** Makes area a drop target: zone has the class "over" while files are dragged over area. */
export function onFilesDropped(area, zone, onFiles) {
  ['dragenter', 'dragover'].forEach(function (t) {
    area.addEventListener(t, function (e) {
      e.preventDefault();
      zone.classList.add('over');
    });
  });
  area.addEventListener('dragleave', function (e) {
    if (!area.contains(e.relatedTarget)) { zone.classList.remove('over'); }
  });
  area.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) { withFiles(e.dataTransfer.files, onFiles); }
  });
}

function uploadRow(list, file) {
  var li = el('li');
  li.appendChild(el('div', 'up-name', file.name));
  var bar = el('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', shown('Upload progress of ' + file.name));
  var note = el('div', '', 'Waiting…');
  li.appendChild(bar);
  li.appendChild(note);
  list.appendChild(li);
  return { li: li, bar: bar, note: note };
}

/**
 * Adds a row for each file to list, then calls upload(file, row) for one file after the other,
 * each when the one before is done. Resolves when all are.
 */
export function uploadInTurn(files, list, upload) {
  var rows = files.map(function (f) { return uploadRow(list, f); });
  var chain = Promise.resolve();
  files.forEach(function (f, i) {
    chain = chain.then(function () { return upload(f, rows[i]); });
  });
  return chain;
}

function showProgress(row, e) {
  if (e.lengthComputable) {
    row.bar.value = Math.round(e.loaded * 100 / e.total);
    row.note.textContent = row.bar.value + ' %';
  }
}

/**
 * PUTs the file to url as application/octet-stream, with its progress in row; prepare(xhr)
 * adds the page's credentials. Resolves with the request once it has an answer, or with null
 * when the connection failed.
 */
export function putFile(url, file, row, prepare) {
  return new Promise(function (resolve) {
    var xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    prepare(xhr);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', function (e) { showProgress(row, e); });
    xhr.addEventListener('load', function () { resolve(xhr); });
    xhr.addEventListener('error', function () { resolve(null); });
    row.note.textContent = 'Uploading…';
    xhr.send(file);
  });
}

/**
 * After a 201 (new file) or 200 (replaced: replacedText), marks the row done and announces it.
 * False for any other answer, which leaves the row to the page.
 */
export function showStored(xhr, file, row, replacedText) {
  if (xhr.status !== 200 && xhr.status !== 201) { return false; }
  row.bar.value = 100;
  row.note.textContent = xhr.status === 201 ? 'Uploaded' : replacedText;
  row.note.className = 'done';
  announce(file.name + ' uploaded');
  return true;
}

/** Marks the row failed, saying text. */
export function showFailed(row, text) {
  row.note.textContent = text;
  row.note.className = 'failed';
}
