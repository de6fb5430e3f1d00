#!/usr/bin/env node
// `npm run rotate-master-key`: re-wraps every data key with a new master key
// (server/src/commands/rotateMasterKey.ts). Compiles the server when its build
// is missing or older than the sources, then runs the compiled command with
// this environment (DATA_DIR, or DATABASE_URL; MASTER_KEY or
// MASTER_KEY_FILE). Stop every relay process first.
import { runServerCommand } from './buildIfStale.mjs'

runServerCommand('rotateMasterKey', 'rotate-master-key')
