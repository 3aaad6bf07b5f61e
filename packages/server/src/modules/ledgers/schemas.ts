import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'use a date like 2026-03-31')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'no such date',
    },
  );

export const id = z.string().min(1).max(64);
export const idParams = z.object({ id });
export const version = z.number().int().positive();
export const shortText = z.string().trim().min(1, 'may not be empty').max(200);
export const longText = z.string().max(20_000);
