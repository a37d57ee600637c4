/*
 * Uploads of a visitor, on links that may write: into the folder shown, or into the shared
 * folder itself on a file drop (a link that may not read). The grant cookie goes along.
 */
import { $ } from '/assets/lib/dom.js';
import { announce } from '/assets/lib/messages.js';
import { encodePath } from '/assets/lib/paths.js';
import { onFilesChosen, onFilesDropped, putFile, showFailed, showStored, uploadInTurn } from '/assets/lib/upload.js';
import { api, info } from './link.js';
import { currentPath, listFolder } from './listing.js';

var REFUSALS = {
  401: 'Your access expired: reload the page',
  403: 'Not allowed: a file with this name may already exist',
  404: 'This link no longer works',
  413: 'The file is too large',
  429: 'The server is busy; try again shortly',
  503: 'The server is busy; try again shortly'
};

function withCookie(xhr) { xhr.withCredentials = true; }

function uploadOne(file, row) {
  var path = info().permissions.read ? currentPath() : [];
  return putFile(api + '/upload/' + encodePath(path.concat([file.name])), file, row, withCookie).then(function (xhr) {
    if (!xhr) {
      showFailed(row, 'Upload failed: no connection');
    } else if (!showStored(xhr, file, row, 'Uploaded (replaced)')) {
      var msg = REFUSALS[xhr.status] || 'Upload failed';
      showFailed(row, msg);
      announce(file.name + ': ' + msg);
    }
  });
}

function uploadAll(files) {
  uploadInTurn(files, $('uploads'), uploadOne).then(function () {
    if (info().permissions.read) { listFolder(); }
  });
}

/** Uploads the files chosen in the input or dropped on the drop zone. */
export function wireUploads() {
  onFilesChosen($('file-input'), uploadAll);
  onFilesDropped($('dropzone'), $('dropzone'), uploadAll);
}
