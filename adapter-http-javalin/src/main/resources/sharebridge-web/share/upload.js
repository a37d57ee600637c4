/*
 * Uploads of a visitor, on links that may write: files or a folder's tree, chosen or dropped
 * on the drop zone (or on the listing), into the folder shown, or into the shared folder
 * itself on a file drop (a link that may not read). Each goes resumably over tus to
 * /api/s/TOKEN/uploads; the grant cookie goes along.
 */
import { $ } from '/assets/lib/dom.js';
import { sendResumable, uploadRefusal } from '/assets/lib/tus-upload.js';
import { onFilesChosen, onFilesDropped, uploadInTurn } from '/assets/lib/upload.js';
import { api, info } from './link.js';
import { currentPath, listFolder } from './listing.js';

var REFUSALS = {
  401: 'Your access expired: reload the page',
  403: 'Not allowed: a file with this name may already exist',
  404: 'This link no longer works',
  410: 'The upload took too long and expired: try again',
  429: 'The server is busy; try again shortly',
  503: 'The server is busy; try again shortly'
};

function refusal(err) {
  if (err.status === 403 && !err.detail) { return REFUSALS[403]; }
  return uploadRefusal(err) || REFUSALS[err.status] || 'Upload failed' + (err.detail ? ': ' + err.detail : '');
}

function mayWrite() {
  var share = info();
  return Boolean(share && share.item_type === 'folder' && share.permissions && share.permissions.write);
}

function uploadAll(items) {
  var folder = info().permissions.read ? currentPath().join('/') : '';
  uploadInTurn(items, $('uploads'), function (item, events) {
    return sendResumable(item, { endpoint: api + '/uploads', folder: folder }, events);
  }, refusal).then(function () {
    if (info().permissions.read) { listFolder(); }
  });
}

/** Uploads the files or folder chosen in the inputs, or dropped on the drop zone or the listing. */
export function wireUploads() {
  onFilesChosen($('file-input'), uploadAll);
  onFilesChosen($('folder-input'), uploadAll);
  onFilesDropped($('dropzone'), $('dropzone'), uploadAll, mayWrite);
  onFilesDropped($('view-folder'), $('view-folder'), uploadAll, mayWrite);
}
