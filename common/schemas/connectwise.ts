/** What the wizard's "Check" and pickers get from ConnectWise. */
import { z } from 'zod';
import { shortText } from './text.js';

export const CompanyInfoResultSchema = z.strictObject({
  companyName: shortText(300),
  companyId: shortText(100),
  version: shortText(100),
  codebase: shortText(100),
  isCloud: z.boolean(),
  apiBase: shortText(500),
});
export type CompanyInfoResult = z.infer<typeof CompanyInfoResultSchema>;

export const BoardSummarySchema = z.strictObject({
  id: z.number().int(),
  name: shortText(200),
  inactive: z.boolean(),
});
export const StatusSummarySchema = z.strictObject({
  id: z.number().int(),
  name: shortText(200),
  inactive: z.boolean(),
  closed: z.boolean(),
});
export type BoardSummary = z.infer<typeof BoardSummarySchema>;
export type StatusSummary = z.infer<typeof StatusSummarySchema>;
