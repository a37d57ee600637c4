/*
 * The owner's uploads into the folder shown: files from "Upload files", a folder's tree from
 * "Upload folder", or files and folders dropped anywhere on the Files view; each sent
 * resumably over tus to /api/uploads with the token. The listing is refreshed when all are done.
 */
import { $ } from '/assets/lib/dom.js';
import { ApiError } from '/assets/lib/http.js';
import { sendResumable, uploadRefusal } from '/assets/lib/tus-upload.js';
import { onFilesChosen, onFilesDropped, uploadInTurn } from '/assets/lib/upload.js';
import { explain } from './api.js';
import { currentFolder, openFiles } from './files.js';
import { signOut, token } from './session.js';

/** The sentence for a refused upload; a 401 signs out. */
function refusal(err) {
  var text = uploadRefusal(err) || explain(err);
  if (err.status === 401 && token()) { signOut(explain(err)); }
  return 'Failed: ' + text;
}

/** Uploads the items into the folder shown now, one after the other, while still signed in. */
function uploadAll(items) {
  var folder = currentFolder().join('/');
  $('files-uploads').textContent = '';
  uploadInTurn(items, $('files-uploads'), function (item, events) {
    if (!token()) { return Promise.reject(new ApiError(401, 'unauthorized', '', 0)); }
    var target = { endpoint: '/api/uploads', folder: folder, headers: { Authorization: 'Bearer ' + token() } };
    return sendResumable(item, target, events);
  }, refusal).then(function () { if (token() && !$('view-files').hidden) { openFiles(); } });
}

export function wireUploads() {
  onFilesChosen($('upload-input'), uploadAll);
  onFilesChosen($('upload-folder-input'), uploadAll);
  onFilesDropped($('view-files'), $('files-drop'), uploadAll);
}
