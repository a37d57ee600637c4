/*
 * Resumable uploads for both pages, over tus 1.0 (docs/uploads.md) with tus-js-client's browser
 * bundle (vendor/tus.min.js, which sets window.tus): a file goes up in chunks, a broken
 * connection or a busy server is tried again after a while, and a file sent again after a
 * failed attempt (or a reload of the page) continues where the server's offset says, because
 * the upload's address is kept in the tab's sessionStorage until the file is placed (like the
 * owner's token, nothing of it outlives the tab). A refusal is an ApiError read from the
 * problem's body.
 */
import '/assets/vendor/tus.min.js';
import { ApiError, connectionLost, problem } from './http.js';

/** Bytes per PATCH: small enough for progress and for proxies' body limits, large enough to be quick. */
var CHUNK_SIZE = 8 * 1024 * 1024;
/** Waits (ms) before each new try after a broken connection or a 5xx/429/423. */
var RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];

/** The chunk size; window.sharebridgeUploadChunkSize (bytes) overrides it, for the browser tests. */
function chunkSize() {
  var size = window.sharebridgeUploadChunkSize;
  return typeof size === 'number' && size > 0 ? size : CHUNK_SIZE;
}

/**
 * Which earlier attempt a file may continue: the same endpoint (owner, or the same link), the
 * same target (folder and name) and the same file (size, modification time). A stored address
 * the server no longer knows (another user's, expired) answers 404 or 410 on HEAD, and
 * tus-js-client starts a new upload.
 */
function fingerprint(file, options) {
  var m = options.metadata;
  return Promise.resolve(['sharebridge', options.endpoint, m.path || '', m.relativePath || m.filename,
    file.size, file.lastModified].join('|'));
}

var STORED = 'sharebridge.upload::';

/** The uploads kept under the key prefix STORED + prefix, each with its key (as tus-js-client's storages do). */
function storedUploads(prefix) {
  var found = [];
  for (var i = 0; i < sessionStorage.length; i++) {
    var key = sessionStorage.key(i);
    if (key && key.indexOf(STORED + prefix) === 0) {
      try {
        var upload = JSON.parse(sessionStorage.getItem(key));
        upload.urlStorageKey = key;
        found.push(upload);
      } catch (e) {
        sessionStorage.removeItem(key);
      }
    }
  }
  return found;
}

/**
 * tus-js-client's URL storage on this tab's sessionStorage (its default storage outlives the tab):
 * where each unfinished upload of a file is, by fingerprint.
 */
var tabStorage = {
  findAllUploads: function () { return Promise.resolve(storedUploads('')); },
  findUploadsByFingerprint: function (fp) { return Promise.resolve(storedUploads(fp + '::')); },
  removeUpload: function (key) {
    sessionStorage.removeItem(key);
    return Promise.resolve();
  },
  addUpload: function (fp, upload) {
    var key = STORED + fp + '::' + Date.now().toString(36) + Math.random().toString(36).slice(2);
    sessionStorage.setItem(key, JSON.stringify(upload));
    return Promise.resolve(key);
  }
};

function statusOf(err) {
  return err && err.originalResponse ? err.originalResponse.getStatus() : 0;
}

/**
 * Whether a failed request is worth another try: no answer, a busy or failing server (the offset
 * is durable, HEAD tells where to go on), a PATCH whose offset was not the server's. Not a
 * refusal at creation (name, size, rights: sending again would not change it).
 */
function worthRetrying(err) {
  var status = statusOf(err);
  if (status === 0 || status === 423 || status === 429) { return true; }
  if (status >= 500) { return status !== 501 && status !== 505; }
  return status === 409 && err.originalRequest && err.originalRequest.getMethod() === 'PATCH';
}

/** The ApiError of a failure tus-js-client gave up on. */
function refusalOf(err) {
  var res = err && err.originalResponse;
  if (!res) {
    return err && err.originalRequest ? connectionLost() : new ApiError(0, 'client', String(err && err.message || err), 0);
  }
  if (res.getStatus() >= 200 && res.getStatus() < 300) {
    return new ApiError(res.getStatus(), 'client', String(err.message || err), 0);
  }
  return problem(res.getStatus(), res.getBody(), res.getHeader('Retry-After'), 30);
}

/** Whether this browser can upload over tus (the bundle loaded, File and XMLHttpRequest there). */
export function canUploadResumably() {
  return Boolean(window.tus && window.tus.isSupported);
}

/**
 * Sends item.file to target.endpoint (the owner's /api/uploads or a link's /api/s/TOKEN/uploads)
 * into the folder target.folder ('' the top), as item.relativePath below it when it is a file of
 * a folder upload (its folders are made when it is placed); target.headers go with every
 * request. events.progress(sent, total) as bytes arrive, events.retrying() before another try,
 * events.resuming() when an earlier attempt is continued. Resolves when the file is placed,
 * rejects with an ApiError (status 0: no connection after all tries).
 */
export function sendResumable(item, target, events) {
  return new Promise(function (resolve, reject) {
    if (!canUploadResumably()) {
      reject(new ApiError(0, 'client', 'this browser cannot upload files', 0));
      return;
    }
    var metadata = { filename: item.file.name };
    if (target.folder) { metadata.path = target.folder; }
    if (item.relativePath) { metadata.relativePath = item.relativePath; }
    var upload = new window.tus.Upload(item.file, {
      endpoint: target.endpoint,
      headers: target.headers || {},
      metadata: metadata,
      chunkSize: chunkSize(),
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      urlStorage: tabStorage,
      removeFingerprintOnSuccess: true,
      fingerprint: fingerprint,
      onShouldRetry: function (err) {
        var again = worthRetrying(err);
        if (again) { events.retrying(); }
        return again;
      },
      onProgress: events.progress,
      onSuccess: function () { resolve(); },
      onError: function (err) { reject(refusalOf(err)); }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[previous.length - 1]);
        events.resuming();
      }
      upload.start();
    }, function () { upload.start(); });
  });
}

/**
 * The sentence for the refusals an upload can meet on both pages, with the server's detail;
 * null for the others (the page words those).
 */
export function uploadRefusal(err) {
  var d = err.detail ? ': ' + err.detail : '.';
  switch (err.status) {
    case 0: return err.code === 'client' ? 'The file could not be sent' + d : 'No connection to the server (tried several times).';
    case 403: return 'Not allowed' + d;
    case 409: return 'Something is in the way' + d;
    case 413: return 'Too large for the server' + d;
    case 507: return 'The storage is full' + d;
    default: return null;
  }
}
