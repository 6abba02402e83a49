// Query of /digest/preview and /api/digest/preview.
import { z } from 'zod';
import { DIGEST_FREQUENCIES } from '../../../domain/digest-period.js';
import { DayParam } from '../../../domain/period-params.js';

export const DigestPreviewQuery = z.object({
  period: z.enum(DIGEST_FREQUENCIES, { message: `period must be one of ${DIGEST_FREQUENCIES.join(', ')}` }).default('daily'),
  /** A featured day: the preview shows the period containing it; default the last one over (UTC). */
  date: DayParam.optional(),
});
