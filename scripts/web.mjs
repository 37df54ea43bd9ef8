// npm run web [-- --port <n> --data <folder>]: browser mode, the app served on http://127.0.0.1:<port>.
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale();
const require = createRequire(import.meta.url);
const { main } = require(path.join(root, 'out', 'main', 'cli.js'));
main(['web', ...process.argv.slice(2)]).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
