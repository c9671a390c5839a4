import express, { type RequestHandler } from 'express';
import { UserServiceError } from '../errors.ts';

export const BODY_LIMIT = '16kb';

/** 415 unless the body is declared JSON; then parse it with a small size limit (413 beyond it). */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.is('application/json')) return next();
    next(
      new UserServiceError(
        'UNSUPPORTED_MEDIA_TYPE',
        'The request body must be JSON (Content-Type: application/json).',
      ),
    );
  };
  return [requireJson, express.json({ limit: BODY_LIMIT, strict: true })];
}
