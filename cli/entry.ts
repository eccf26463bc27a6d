import { processIo, runCli } from './main.js';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
