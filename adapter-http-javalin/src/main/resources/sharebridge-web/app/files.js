/*
 * The Files view: the user's folder named in the address (#/files/a/b) with its breadcrumb,
 * items, downloads, renames and moves (move.js; links follow the item), deletions (saying how
 * many links die with an item) and new folders.
 */
import { $, el } from '/assets/lib/dom.js';
import { ApiError, connectionLost, send } from '/assets/lib/http.js';
import { humanSize, shown, when } from '/assets/lib/format.js';
import { itemPicture, renderCrumbs, sortItems } from '/assets/lib/listing.js';
import { announce, showError } from '/assets/lib/messages.js';
import { encodePath } from '/assets/lib/paths.js';
import { openViewer } from '/assets/lib/viewer.js';
import { call, explain, explainIn } from './api.js';
import { confirm } from './confirm.js';
import { signOut, token } from './session.js';
import { askMove, askRename } from './move.js';
import { openShareDialog } from './share-dialog.js';
import { button, flash, plural, show } from './ui.js';

var current = [];

/** The folder shown, as names below the user's root. */
export function currentFolder() { return current.slice(); }

function filesHash(segs) { return '#/files' + (segs.length ? '/' + encodePath(segs) : ''); }

/** Shows the folder path (names below the user's root). */
export function openFolder(path) {
  current = path;
  openFiles();
}

/** "1.2 MB of 10 GB used" (or "… used, no quota") from GET /api/me; a failure only hides it. */
function showUsage() {
  call('GET', '/api/me').then(function (me) {
    var used = humanSize(me.used_bytes);
    $('files-usage').textContent = typeof me.quota_bytes === 'number'
      ? used + ' of ' + humanSize(me.quota_bytes) + ' used'
      : used + ' used, no quota';
    $('files-usage').hidden = false;
  }, function () { $('files-usage').hidden = true; });
}

/** Lists the current folder again; one that is gone leads to its parent. */
export function openFiles() {
  show('files');
  showError('files-error', '');
  var path = current.slice();
  var url = '/api/folders' + (path.length ? '/' + encodePath(path) : '');
  showUsage();
  call('GET', url).then(function (listing) {
    if (path.join('/') !== current.join('/')) { return; }
    renderFiles(path, listing.children || []);
  }, function (err) {
    if (err.code === 'not_found' && path.length) {
      flash('The folder ' + path.join('/') + ' does not exist any more.');
      location.hash = filesHash(path.slice(0, -1));
      return;
    }
    explainIn('files-error')(err);
  });
}

function renderFiles(path, children) {
  var title = path.length ? path[path.length - 1] : 'My files';
  $('files-title').textContent = shown(title);
  document.title = shown(title) + ' – Sharebridge';
  renderCrumbs($('files-crumbs'), 'My files', path, filesHash);
  var body = $('files-items');
  body.textContent = '';
  var sorted = sortItems(children);
  sorted.forEach(function (item) { body.appendChild(fileRow(path, item)); });
  $('files-empty').hidden = sorted.length > 0;
  $('files-table').hidden = sorted.length === 0;
  announce('Showing ' + (path.length ? path.join('/') : 'My files') + ', ' + plural(sorted.length, 'item', 'items'));
}

function itemLink(segs, item) {
  if (item.type === 'folder') {
    var a = el('a', '', item.name);
    a.href = filesHash(segs);
    a.setAttribute('aria-label', shown('Open folder ' + item.name));
    return a;
  }
  var dl = el('button', 'linklike', item.name);
  dl.type = 'button';
  dl.setAttribute('aria-label', shown('Download ' + item.name));
  dl.addEventListener('click', function () { download(segs, item.name); });
  return dl;
}

function fileRow(path, item) {
  var segs = path.concat([item.name]);
  var tr = el('tr');
  var name = el('td', 'name');
  name.appendChild(itemPicture(item, '', function () { return fetchThumbnail(segs); }));
  name.appendChild(itemLink(segs, item));
  var act = el('td', 'actions');
  if (item.preview) {
    act.appendChild(button('View', '', function () {
      openViewer(item.name, item.preview, { blob: function () { return fetchFile(segs, true); } });
    }, 'View ' + item.name));
  }
  act.appendChild(button('Share', 'primary', function () {
    openShareDialog({ path: segs.join('/'), name: item.name, type: item.type });
  }, 'Share ' + item.name));
  act.appendChild(button('Rename', '', function () { askRename(segs, item, openFiles); }, 'Rename ' + item.name));
  act.appendChild(button('Move', '', function () { askMove(segs, item, openFiles); }, 'Move ' + item.name));
  act.appendChild(button('Delete', 'danger', function () { askDelete(segs, item); }, 'Delete ' + item.name));
  tr.appendChild(name);
  tr.appendChild(el('td', 'num', item.type === 'folder' ? '' : humanSize(item.size)));
  tr.appendChild(el('td', 'when', when(item.modified_at)));
  tr.appendChild(act);
  return tr;
}

function saveBlob(blob, name) {
  var url = URL.createObjectURL(blob);
  var a = el('a');
  a.href = url;
  a.download = shown(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
}

/** The file (inline: as the server shows it) as a Blob; the bearer header needs fetch. */
function fetchFile(segs, inline) {
  var url = '/api/files/' + encodePath(segs) + (inline ? '?inline=1' : '');
  return send(url, { headers: { Authorization: 'Bearer ' + token() }, credentials: 'omit', cache: 'no-store' }, 30)
    .then(function (res) { return res.blob(); });
}

/** The file's thumbnail as a Blob (the bearer header needs fetch; the browser may keep it a minute). */
function fetchThumbnail(segs) {
  var url = '/api/thumbnails/' + encodePath(segs);
  return send(url, { headers: { Authorization: 'Bearer ' + token() }, credentials: 'omit' }, 30)
    .then(function (res) { return res.blob(); });
}

/** A download needs the bearer header, so it goes through fetch and a short-lived object URL. */
function download(segs, name) {
  showError('files-error', '');
  fetchFile(segs, false)
    .then(function (blob) { saveBlob(blob, name); })
    .catch(function (err) {
      if (!(err instanceof ApiError)) { err = connectionLost(); }
      if (err.status === 401) { signOut(explain(err)); return; }
      showError('files-error', explain(err));
    });
}

/** What deleting the item does to the n links on it (or in it), in words. */
function deletionText(item, n) {
  var what = item.type === 'folder'
    ? 'The folder “' + item.name + '” and everything in it will be deleted.'
    : 'The file “' + item.name + '” will be deleted.';
  var links = n === 0 ? ' No share link points to it.'
    : ' ' + plural(n, 'share link', 'share links') + (item.type === 'folder' ? ' on it or inside it' : ' to it')
      + (n === 1 ? ' stops' : ' stop') + ' working.';
  return what + links;
}

function askDelete(segs, item) {
  var path = segs.join('/');
  call('GET', '/api/shares/count?below=' + encodeURIComponent(path)).then(function (r) {
    var n = r.count;
    confirm('Delete ' + item.name + '?', deletionText(item, n), 'Delete', function () {
      call('DELETE', '/api/files/' + encodePath(segs)).then(function () {
        flash('Deleted ' + item.name + (n ? ' and ' + plural(n, 'link', 'links') : '') + '.', true);
        openFiles();
      }, explainIn('files-error'));
    });
  }, explainIn('files-error'));
}

function createFolder(e) {
  e.preventDefault();
  var name = $('new-folder-name').value.trim();
  if (!name) { showError('new-folder-error', 'Please enter a name.'); return; }
  if (name.indexOf('/') >= 0) { showError('new-folder-error', 'A folder name cannot contain “/”.'); return; }
  call('POST', '/api/folders/' + encodePath(current.concat([name]))).then(function (item) {
    $('new-folder-form').hidden = true;
    $('new-folder-name').value = '';
    flash(item && item.name ? 'Folder “' + name + '” is ready.' : '', true);
    openFiles();
  }, explainIn('new-folder-error'));
}

/** The New folder form: open, cancel, create in the current folder. */
export function wireFiles() {
  $('new-folder-open').addEventListener('click', function () {
    $('new-folder-form').hidden = false;
    showError('new-folder-error', '');
    $('new-folder-name').focus();
  });
  $('new-folder-cancel').addEventListener('click', function () {
    $('new-folder-form').hidden = true;
    $('new-folder-name').value = '';
    $('new-folder-open').focus();
  });
  $('new-folder-form').addEventListener('submit', createFolder);
}
