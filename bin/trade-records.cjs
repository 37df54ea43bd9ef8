#!/usr/bin/env node
'use strict';
// The trade-records command: runs the built CLI (out/main/cli.js, made by `npm run build`).
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('trade-records: the app is not built yet. Run `npm run build` in ' + path.join(__dirname, '..') + ' first.');
  process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
