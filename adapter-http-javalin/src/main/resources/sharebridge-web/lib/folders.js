/*
 * Files with the folders they came in, for both pages: from a file input (webkitdirectory gives
 * each file its webkitRelativePath) or from a drop (DataTransferItem.webkitGetAsEntry(), folders
 * walked to the bottom). Each is {file, relativePath}: relativePath is '' for a file chosen or
 * dropped on its own, else its path from the chosen folder on ("photos/2024/a.jpg"). Empty
 * folders hold no file, so they are not recreated.
 */

/** The items of the files in a FileList (of an input, or of a drop without entries). */
export function filesOf(fileList) {
  return Array.prototype.slice.call(fileList || []).map(function (f) {
    return { file: f, relativePath: f.webkitRelativePath || '' };
  });
}

function fileOf(entry, relativePath) {
  return new Promise(function (resolve, reject) {
    entry.file(function (f) { resolve([{ file: f, relativePath: relativePath }]); }, reject);
  });
}

/** All entries of a folder: readEntries answers a part at a time (100 in Chromium) until an empty one. */
function entriesOf(folder) {
  var reader = folder.createReader();
  var all = [];
  return new Promise(function (resolve, reject) {
    function next() {
      reader.readEntries(function (part) {
        if (!part.length) { resolve(all); return; }
        all = all.concat(Array.prototype.slice.call(part));
        next();
      }, reject);
    }
    next();
  });
}

/** The items below entry; prefix is the path of the folder it is in ('' for a dropped item). */
function walk(entry, prefix) {
  if (entry.isFile) { return fileOf(entry, prefix ? prefix + entry.name : ''); }
  if (!entry.isDirectory) { return Promise.resolve([]); }
  var here = prefix + entry.name + '/';
  return entriesOf(entry).then(function (children) {
    return Promise.all(children.map(function (child) { return walk(child, here); }));
  }).then(function (lists) {
    return [].concat.apply([], lists);
  });
}

/**
 * The items of a drop, folders included. The entries are taken while the drop event runs (the
 * browser empties the DataTransfer afterwards), then read. Browsers without entries give the
 * dropped files only.
 */
export function droppedItems(dataTransfer) {
  var items = Array.prototype.slice.call(dataTransfer.items || []);
  var entries = items.filter(function (i) { return i.kind === 'file' && i.webkitGetAsEntry; })
    .map(function (i) { return i.webkitGetAsEntry(); })
    .filter(function (e) { return e; });
  if (!entries.length) { return Promise.resolve(filesOf(dataTransfer.files)); }
  return Promise.all(entries.map(function (e) { return walk(e, ''); })).then(function (lists) {
    return [].concat.apply([], lists);
  });
}
