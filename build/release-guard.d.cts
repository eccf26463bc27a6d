// Types for build/release-guard.cjs (CommonJS, because electron-builder requires its hook files).

export declare const RECIPIENT_KEY_PATH: string;
export declare const DEV_KID_PREFIX: string;
export declare const OVERRIDE_ENV: string;

export declare class ReleaseGuardError extends Error {}

export interface ReleaseGuardResult {
  kids: string[];
  development: boolean;
  overridden: boolean;
  keyFile: string;
}

export declare function checkReleaseRecipient(options: {
  projectDir: string;
  env?: Record<string, string | undefined>;
  keyPath?: string;
}): ReleaseGuardResult;

export declare function summarize(
  result: Pick<ReleaseGuardResult, 'kids' | 'development' | 'overridden'>,
): string;

export declare function beforePack(context: { packager: { projectDir: string } }): Promise<void>;
