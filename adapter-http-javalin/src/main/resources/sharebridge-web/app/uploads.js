/*
 * The owner's uploads into the folder shown: from "Upload files" or dropped anywhere on the
 * Files view; the listing is refreshed when all are done.
 */
import { $ } from '/assets/lib/dom.js';
import { problem } from '/assets/lib/http.js';
import { announce } from '/assets/lib/messages.js';
import { encodePath } from '/assets/lib/paths.js';
import { onFilesChosen, onFilesDropped, putFile, showFailed, showStored, uploadInTurn } from '/assets/lib/upload.js';
import { explain } from './api.js';
import { currentFolder, openFiles } from './files.js';
import { signOut, token } from './session.js';

function authorize(xhr) {
  xhr.setRequestHeader('Authorization', 'Bearer ' + token());
  xhr.setRequestHeader('Accept', 'application/json');
}

function showRefused(xhr, file, row) {
  var err = problem(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After'), 30);
  showFailed(row, 'Failed: ' + explain(err));
  row.li.classList.add('bad');
  announce(file.name + ': upload failed');
  if (xhr.status === 401) { signOut(explain(err)); }
}

function uploadOne(folder, file, row) {
  return putFile('/api/files/' + encodePath(folder.concat([file.name])), file, row, authorize).then(function (xhr) {
    if (!xhr) {
      showFailed(row, 'Failed: no connection to the server.');
    } else if (!showStored(xhr, file, row, 'Uploaded (replaced the old file)')) {
      showRefused(xhr, file, row);
    }
  });
}

/** Uploads the files into the folder shown now, one after the other, while still signed in. */
function uploadAll(files) {
  var folder = currentFolder();
  $('files-uploads').textContent = '';
  uploadInTurn(files, $('files-uploads'), function (file, row) {
    return token() ? uploadOne(folder, file, row) : null;
  }).then(function () { if (token() && !$('view-files').hidden) { openFiles(); } });
}

export function wireUploads() {
  onFilesChosen($('upload-input'), uploadAll);
  onFilesDropped($('view-files'), $('files-drop'), uploadAll);
}
