/** The project's root folder. */
export declare const root: string
/** The compiled server's entry. */
export declare const serverEntry: string
/** True when the client and server builds exist and are newer than every source. */
export declare function buildIsFresh(): boolean
/** Runs `npm run build` when needed; exits the process if the build fails. */
export declare function buildIfStale(label: string): void
/** Runs a compiled server command, compiling the server first when stale; exits with its status. */
export declare function runServerCommand(name: string, label: string): never
