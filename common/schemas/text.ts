/** Bounded strings: every string that crosses the boundary has a maximum length. */
import { z } from 'zod';

export const shortText = (max = 200) => z.string().max(max);
export const requiredText = (max = 200) => z.string().trim().min(1).max(max);

/** ConnectWise GUIDs need not be RFC 4122 (the guide's own example has a non-RFC variant): 8-4-4-4-12 hex. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const Guid = z
  .string()
  .regex(GUID_PATTERN, 'expected a GUID like 7a002312-3831-42a6-cff5-8cd2c8d969f1');

/** API keys are 16 letters and digits in every example; other forms are warned about, not refused. */
export const API_KEY_PATTERN = /^[A-Za-z0-9]{16}$/;
