/** How to get a Chromium when none is found. */
export declare const chromiumInstallHint: string
/** Path of the Chromium binary, or null when there is none. */
export declare function findChromium(): string | null
