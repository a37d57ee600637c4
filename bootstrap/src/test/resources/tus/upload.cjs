// Uploads one file with tus-js-client (from npm, unchanged) as any tus client would, and prints one
// JSON line: {"url": ..., "retries": n} on success, {"error": ...} on failure (exit code 1).
// Usage: node upload.cjs <tus-js-client dir> <endpoint> <file> <bearer token>
'use strict';
const path = require('path');
const fs = require('fs');
const [, , clientDir, endpoint, file, token] = process.argv;
const tus = require(path.join(clientDir, 'tus-js-client'));

let retries = 0;
const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  headers: { Authorization: 'Bearer ' + token },
  metadata: { filename: path.basename(file), path: 'incoming' },
  uploadSize: fs.statSync(file).size,
  retryDelays: [0, 200, 500, 1000, 2000, 3000, 5000, 5000, 5000, 5000],
  onShouldRetry: () => {
    retries++;
    return true;
  },
  onError: (error) => {
    process.stdout.write(JSON.stringify({ error: String(error) }) + '\n');
    process.exit(1);
  },
  onSuccess: () => {
    process.stdout.write(JSON.stringify({ url: upload.url, retries }) + '\n');
  },
});
upload.start();
