/*
 * Uploads with progress, for both pages: the files (and folders) chosen in an input or dropped
 * on an area go up one after the other, each with its row (name, progress bar, status line) in
 * a list under a row for all of them (files done, bytes sent of all). Each is sent resumably
 * over tus (tus-upload.js); the page says where to and words a refusal.
 */
import { el } from './dom.js';
import { droppedItems, filesOf } from './folders.js';
import { humanSize, shown } from './format.js';
import { announce } from './messages.js';

function withItems(items, onItems) {
  if (items.length) { onItems(items); }
}

/**
 * Hands the items ({file, relativePath}: folders.js) chosen in the file input (files, or with
 * webkitdirectory a folder's files) to onItems, then empties the input for the next choice.
 */
export function onFilesChosen(input, onItems) {
  input.addEventListener('change', function () {
    withItems(filesOf(input.files), onItems);
    input.value = '';
  });
}

/**
 * Makes area a drop target for files and folders: zone has the class "over" while something is
 * dragged over area; accepts() (optional) says whether the page takes uploads now.
 */
export function onFilesDropped(area, zone, onItems, accepts) {
  function taking() { return !accepts || accepts(); }
  ['dragenter', 'dragover'].forEach(function (t) {
    area.addEventListener(t, function (e) {
      if (!taking()) { return; }
      e.preventDefault();
      zone.classList.add('over');
    });
  });
  area.addEventListener('dragleave', function (e) {
    if (!area.contains(e.relatedTarget)) { zone.classList.remove('over'); }
  });
  area.addEventListener('drop', function (e) {
    if (!taking()) { return; }
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) {
      droppedItems(e.dataTransfer).then(function (items) { withItems(items, onItems); }, function () {
        announce('The dropped folder could not be read.');
      });
    }
  });
}

function progressBar(label) {
  var bar = el('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', shown(label));
  return bar;
}

function uploadRow(list, item) {
  var name = item.relativePath || item.file.name;
  var li = el('li');
  li.appendChild(el('div', 'up-name', name));
  var bar = progressBar('Upload progress of ' + name);
  var note = el('div', '', 'Waiting…');
  li.appendChild(bar);
  li.appendChild(note);
  list.appendChild(li);
  return { li: li, bar: bar, note: note, name: name };
}

function totalRow(list, count, bytes) {
  var li = el('li', 'up-total');
  li.appendChild(el('div', 'up-name', count + (count === 1 ? ' file, ' : ' files, ') + humanSize(bytes)));
  var bar = progressBar('Progress of all uploads');
  var note = el('div', '', '0 of ' + count + ' done');
  li.appendChild(bar);
  li.appendChild(note);
  list.appendChild(li);
  return { li: li, bar: bar, note: note };
}

function percent(part, whole) {
  return whole > 0 ? Math.floor(part * 100 / whole) : 100;
}

/**
 * Adds a row for all items and one for each to list, then sends one after the other, each when
 * the one before is done: send(item, events) returns a promise (tus-upload.js sendResumable)
 * and calls events.progress(sent, total), events.retrying(), events.resuming(). A rejection is
 * worded by refusal(err) and marks that row failed; the next file goes on. Resolves with the
 * number of files that failed, when all are done (the row for all then has the class
 * "complete", or "bad" when one failed).
 */
export function uploadInTurn(items, list, send, refusal) {
  var bytes = items.reduce(function (n, i) { return n + i.file.size; }, 0);
  var total = totalRow(list, items.length, bytes);
  var rows = items.map(function (i) { return uploadRow(list, i); });
  var finished = 0;
  var finishedBytes = 0;
  var failed = 0;
  function showTotal(sentOfCurrent) {
    total.bar.value = percent(finishedBytes + sentOfCurrent, bytes);
    total.note.textContent = finished + ' of ' + items.length + (failed ? ' finished, ' + failed + ' failed' : ' done');
  }
  function one(item, row) {
    row.note.textContent = 'Uploading…';
    return send(item, {
      progress: function (sent, size) {
        row.bar.value = percent(sent, size);
        row.note.textContent = row.bar.value + ' %';
        showTotal(sent);
      },
      retrying: function () { row.note.textContent = 'Connection problem, trying again…'; },
      resuming: function () { row.note.textContent = 'Continuing an earlier upload…'; }
    }).then(function () {
      row.bar.value = 100;
      row.note.textContent = 'Uploaded';
      row.note.className = 'done';
      announce(row.name + ' uploaded');
    }, function (err) {
      failed++;
      row.note.textContent = refusal(err);
      row.note.className = 'failed';
      row.li.classList.add('bad');
      announce(row.name + ': ' + row.note.textContent);
    }).then(function () {
      finished++;
      finishedBytes += item.file.size;
      showTotal(0);
    });
  }
  var chain = Promise.resolve();
  items.forEach(function (item, i) {
    chain = chain.then(function () { return one(item, rows[i]); });
  });
  return chain.then(function () {
    total.li.classList.add(failed ? 'bad' : 'complete');
    return failed;
  });
}
