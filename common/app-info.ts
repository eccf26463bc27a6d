import { z } from 'zod';

export const RUNTIMES = ['electron', 'harness'] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const AppInfoSchema = z.strictObject({
  name: z.string(),
  productName: z.string(),
  version: z.string(),
  platform: z.string(),
  runtime: z.enum(RUNTIMES),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
