#!/usr/bin/env node
// `npm run account-hash -- <e-mail> …`: the hash under which auth failures of
// a login name are logged (server/src/accountHash.ts), with the environment
// of the relay (DATA_DIR or MASTER_KEY / MASTER_KEY_FILE). Reads the master
// key only; the relay may run.
import { runServerCommand } from './buildIfStale.mjs'

runServerCommand('accountHash', 'account-hash')
