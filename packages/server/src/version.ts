import { readFileSync } from 'node:fs';
import path from 'node:path';

// package.json sits one level above both src/ and dist/
const pkg = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8')) as {
  version: string;
};

export const serverVersion: string = pkg.version;
