/** Headers user-service sets on every event: a stable id and W3C trace context. */
export const EVENT_ID_HEADER = 'event-id';
export const TRACEPARENT_HEADER = 'traceparent';
