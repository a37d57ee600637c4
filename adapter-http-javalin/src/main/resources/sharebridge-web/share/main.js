/*
 * The share page (/s/TOKEN), for visitors: opens the link through the public API of docs/reference.md
 * §6 and shows the file, or the folder with its listing and uploads, or why it cannot.
 * No third-party code.
 */
import { $ } from '/assets/lib/dom.js';
import { humanSize, shown, when } from '/assets/lib/format.js';
import { api, fail, getJson, info, setInfo, show, token } from './link.js';
import { listFolder, wireListing } from './listing.js';
import { wireUploads } from './upload.js';
import { wirePasswordForm } from './verify.js';
import { openViewer } from '/assets/lib/viewer.js';

function renderFile(share, label) {
  $('file-name').textContent = shown(share.item_name);
  $('file-size').textContent = humanSize(share.size);
  $('file-expiry').textContent = share.expires_at ? 'available until ' + when(share.expires_at) : '';
  $('file-label').textContent = label;
  $('file-label').hidden = !label;
  $('file-download').href = api + '/download';
  $('file-view').hidden = !share.preview;
  show(['file']);
}

function renderFolder(share, label) {
  var p = share.permissions || {};
  var visible = [];
  if (p.read) { visible.push('folder'); }
  if (p.write) { visible.push('upload'); }
  show(visible);
  $('drop-hint').hidden = p.read;
  $('upload-title').textContent = p.read ? 'Upload files' : 'Upload files to ' + shown(share.item_name);
  $('folder-label').textContent = label;
  $('folder-label').hidden = !label;
  if (p.read) { listFolder(); }
}

function render() {
  var share = info();
  var label = shown(share.label || '');
  document.title = shown(share.item_name) + ' – Sharebridge';
  if (share.item_type === 'file') {
    renderFile(share, label);
  } else {
    renderFolder(share, label);
  }
}

function open() {
  show(['loading']);
  getJson(api).then(function (value) {
    setInfo(value);
    render();
  }).catch(fail);
}

wirePasswordForm(open);
wireListing();
wireUploads();
$('retry').addEventListener('click', open);
$('file-view').addEventListener('click', function () {
  var share = info();
  openViewer(share.item_name, share.preview, { url: api + '/download?inline=1' });
});

if (!/^[A-Za-z0-9_-]{32}$/.test(token)) {
  show(['missing']);
} else {
  open();
}
