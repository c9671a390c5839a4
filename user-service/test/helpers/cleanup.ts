// The outbox tests still import registerCleanup from here; everything else uses @events/test-kit/cleanup.
export { cleanUpLater as registerCleanup } from '@events/test-kit/cleanup';
